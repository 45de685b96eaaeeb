import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';

/**
 * A stand-in `vscode` module for timing `activate()` outside VS Code: every API the extension does not
 * need to really work is a no-op that returns a disposable; the few the TypeScript-model feature
 * exercises (documents, diagnostics, configuration) behave for real so a first lint can be timed.
 */
export interface FakeDoc {
  uri: { toString(): string; scheme: string; fsPath: string; path: string };
  fileName: string;
  version: number;
  languageId: string;
  getText(): string;
  positionAt(offset: number): { line: number; character: number };
}

export interface FakeVscode {
  openDocument(doc: FakeDoc): void;
  onDiagnostics(cb: (uri: string, count: number) => void): void;
}

function anything(): unknown {
  const f = function () { /* no-op */ };
  return new Proxy(f, {
    get: (_t, p) => {
      if (p === 'then') return undefined;
      if (p === Symbol.toPrimitive) return () => 'fake';
      if (p === 'dispose') return () => undefined;
      return anything();
    },
    // Objects the extension builds from the fake (a TreeItem, a status bar item...) accept any property.
    set: () => true,
    apply: () => anything(),
    construct: () => anything() as object,
  });
}

export function installFakeVscode(): FakeVscode {
  const openListeners: ((d: FakeDoc) => void)[] = [];
  const diagnosticsListeners: ((uri: string, count: number) => void)[] = [];
  const disposable = { dispose: () => undefined };
  const event = (list?: ((d: FakeDoc) => void)[]) => (l: (d: FakeDoc) => void) => { list?.push(l); return disposable; };
  class Position { constructor(public line: number, public character: number) {} }
  class Range {
    constructor(public start: Position, public end: Position) {}
    intersection(): Range { return this; }
    isEqual(): boolean { return false; }
  }
  class Diagnostic { constructor(public range: Range, public message: string, public severity: number) {} }
  const api: Record<string, unknown> = {
    version: '1.100.3',
    Position, Range, Diagnostic,
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    DiagnosticTag: { Unnecessary: 1, Deprecated: 2 },
    Uri: { parse: (s: string) => ({ toString: () => s }), joinPath: anything() },
    window: new Proxy({
      createOutputChannel: () => new Proxy({}, { get: (_t, p) => (p === 'then' ? undefined : () => undefined) }),
    }, { get: (t, p) => (p in t ? (t as Record<string | symbol, unknown>)[p] : anything()) }),
    commands: { registerCommand: () => disposable, executeCommand: async () => undefined },
    workspace: new Proxy({
      textDocuments: [],
      onDidOpenTextDocument: event(openListeners),
      onDidChangeTextDocument: event(),
      onDidCloseTextDocument: event(),
      onDidChangeConfiguration: event(),
      getConfiguration: () => ({ get: () => undefined }),
      asRelativePath: (u: { path?: string }) => u.path ?? String(u),
      // Workspace scans at activation (models, schemas) find nothing in the harness.
      findFiles: async () => [],
    }, { get: (t, p) => (p in t ? (t as Record<string | symbol, unknown>)[p] : anything()) }),
    languages: new Proxy({
      match: (sel: { pattern?: string }, doc: FakeDoc) => (sel.pattern && doc.fileName.endsWith('.cdmodel.ts') ? 10 : 0),
      createDiagnosticCollection: () => ({
        set: (uri: { toString(): string }, d: unknown[]) => { for (const l of diagnosticsListeners) l(uri.toString(), d.length); },
        delete: () => undefined, clear: () => undefined, dispose: () => undefined,
        // The harness keeps no diagnostics: nothing to walk or look up.
        forEach: () => undefined, get: () => undefined, has: () => false,
      }),
    }, { get: (t, p) => (p in t ? (t as Record<string | symbol, unknown>)[p] : anything()) }),
  };
  // Bundles copy the module's own keys (esbuild's __toESM), so the fake lists every top-level name of
  // the real API (from @types/vscode); the ones not defined above are no-op proxies.
  const dts = fs.readFileSync(path.join(require.resolve('@types/vscode/package.json'), '..', 'index.d.ts'), 'utf8');
  const names = new Set([...dts.matchAll(/^\s{1,4}export (?:declare )?(?:class|enum|namespace|function|const|let|var) (\w+)/gm)].map((m) => m[1]));
  for (const k of Object.keys(api)) names.add(k);
  const fake = new Proxy(api, {
    get: (t, p) => (p in t ? t[p as string] : anything()),
    ownKeys: () => [...names],
    getOwnPropertyDescriptor: (t, p) => ({ value: p in t ? t[p as string] : anything(), enumerable: true, configurable: true, writable: true }),
  });
  const m = Module as unknown as { _load: (req: string, parent: unknown, isMain: boolean) => unknown };
  const original = m._load;
  m._load = function (req, parent, isMain) { return req === 'vscode' ? fake : original.call(this, req, parent, isMain); };
  return {
    openDocument: (doc) => { for (const l of openListeners) l(doc); },
    onDiagnostics: (cb) => { diagnosticsListeners.push(cb); },
  };
}

export function fakeDocument(fileName: string, text: string): FakeDoc {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return {
    uri: { toString: () => `file://${fileName}`, scheme: 'file', fsPath: fileName, path: fileName },
    fileName, version: 1, languageId: 'typescript', getText: () => text,
    positionAt: (o) => {
      let line = 0;
      while (line + 1 < starts.length && starts[line + 1] <= o) line++;
      return { line, character: o - starts[line] };
    },
  };
}

export function fakeContext(): unknown {
  return {
    subscriptions: [], extension: { packageJSON: { version: '0.0.0-bench' } }, extensionUri: anything(),
    globalState: anything(), workspaceState: anything(), extensionPath: '/fake', asAbsolutePath: (p: string) => p,
  };
}
