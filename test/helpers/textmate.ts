import fs from 'node:fs';
import path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

/**
 * Loads a TextMate grammar file with vscode-textmate + vscode-oniguruma (the engine VS Code uses) and
 * tokenizes text into scopes per character, so tests can check what a file looks like in the editor.
 */
let onigReady: Promise<void> | undefined;

function initOnig(): Promise<void> {
  if (!onigReady) {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    onigReady = oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  }
  return onigReady;
}

export interface ScopedToken {
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly scopes: readonly string[];
}

export async function loadGrammar(grammarPath: string, scopeName: string): Promise<vsctm.IGrammar> {
  await initOnig();
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (name: string) => {
      if (name !== scopeName) return null;
      const text = fs.readFileSync(grammarPath, 'utf8');
      return vsctm.parseRawGrammar(text, path.basename(grammarPath));
    },
  });
  const g = await registry.loadGrammar(scopeName);
  if (!g) throw new Error(`grammar ${scopeName} not loaded from ${grammarPath}`);
  return g;
}

export function tokenize(grammar: vsctm.IGrammar, text: string): ScopedToken[] {
  const out: ScopedToken[] = [];
  let state = vsctm.INITIAL;
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((line, i) => {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) out.push({ line: i, start: t.startIndex, end: Math.min(t.endIndex, line.length), text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    state = r.ruleStack;
  });
  return out;
}

/** The scopes of the character at (line, character). */
export function scopesAt(tokens: readonly ScopedToken[], line: number, character: number): readonly string[] {
  const t = tokens.find((x) => x.line === line && x.start <= character && character < x.end);
  return t ? t.scopes : [];
}
