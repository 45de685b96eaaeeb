import * as vscode from 'vscode';
import type { Finding } from '../../core/findings';
import { cloudKitHoverAt } from '../../core/model/hover';
import type { ModelIR } from '../../core/model/ir';
import { lintModel } from '../../core/rules';
import { currentVersions } from '../common/current-versions';
import { MODELDEF_HELPER_FILE, MODELDEF_HELPER_SOURCE } from '../../modeldef/source';
import { isTypeScriptSupportLoaded, loadTypeScriptSupport } from '../../typescript/load';
import { inputKindOf, schemaFromText } from '../../typescript/schemaSource';
import { readLintSettings } from '../modelLinting/settings';
import { toDiagnostic, toRange } from './findingsToVscode';

/**
 * TypeScript model definitions in the editor: diagnostics from the same rules as `contents` models
 * (`lintModel`), quick fixes as TypeScript edits, and the two commands of the feature. ts-morph (the
 * TypeScript compiler, ~10 MB) loads through `loadTypeScriptSupport()` only when a file matching
 * `cloudkit.models.typescript` is opened or edited, or a command runs: never at activation.
 */

const DEFAULT_PATTERN = '**/*.cdmodel.ts';
const LINT_DELAY_MS = 300;

interface Linted {
  readonly version: number;
  readonly model: ModelIR;
  readonly findings: readonly Finding[];
}

export function registerTypeScriptModels(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): void {
  const diagnostics = vscode.languages.createDiagnosticCollection('cloudkit-typescript-model');
  const linted = new Map<string, Linted>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  const pattern = (): string => vscode.workspace.getConfiguration('cloudkit').get<string>('models.typescript') || DEFAULT_PATTERN;
  const matches = (doc: vscode.TextDocument): boolean =>
    doc.uri.scheme !== 'output' && vscode.languages.match({ pattern: pattern() }, doc) > 0;

  const lint = (doc: vscode.TextDocument): void => {
    const key = doc.uri.toString();
    if (!matches(doc)) {
      diagnostics.delete(doc.uri);
      linted.delete(key);
      return;
    }
    try {
      const firstLoad = !isTypeScriptSupportLoaded();
      const t0 = performance.now();
      const support = loadTypeScriptSupport();
      const t1 = performance.now();
      const { model, editor } = support.readTypeScriptModel(doc.getText(), doc.fileName);
      const settings = readLintSettings(doc.uri);
      const findings = lintModel(model, editor, { mode: settings.mode, severities: settings.rules });
      const t2 = performance.now();
      if (firstLoad) output.info(`TypeScript model support loaded in ${(t1 - t0).toFixed(0)} ms`);
      output.debug(`linted ${vscode.workspace.asRelativePath(doc.uri)}: ${findings.length} findings in ${(t2 - t1).toFixed(0)} ms`);
      linted.set(key, { version: doc.version, model, findings });
      diagnostics.set(doc.uri, findings.map((f) => toDiagnostic(doc, f)));
    } catch (e) {
      // A reader bug must not take the editor down: say so once per file, keep the old diagnostics out.
      output.error(`could not lint ${doc.uri.fsPath}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      diagnostics.delete(doc.uri);
      linted.delete(key);
    }
  };

  const schedule = (doc: vscode.TextDocument, delay: number): void => {
    const key = doc.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => { timers.delete(key); lint(doc); }, delay));
  };

  context.subscriptions.push(
    diagnostics,
    vscode.workspace.onDidOpenTextDocument((doc) => { if (matches(doc)) schedule(doc, 0); }),
    vscode.workspace.onDidChangeTextDocument((e) => { if (matches(e.document)) schedule(e.document, LINT_DELAY_MS); }),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      clearTimeout(timers.get(doc.uri.toString()));
      diagnostics.delete(doc.uri);
      linted.delete(doc.uri.toString());
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('cloudkit.models.typescript') || e.affectsConfiguration('cloudkit.lint')) {
        for (const doc of vscode.workspace.textDocuments) if (linted.has(doc.uri.toString()) || matches(doc)) schedule(doc, 0);
      }
    }),
    { dispose: () => { for (const t of timers.values()) clearTimeout(t); } },
    vscode.languages.registerCodeActionsProvider(
      [{ language: 'typescript' }, { language: 'typescriptreact' }],
      {
        provideCodeActions(doc, range, ctx) {
          const entry = linted.get(doc.uri.toString());
          if (!entry || entry.version !== doc.version) return [];
          const actions: vscode.CodeAction[] = [];
          for (const f of entry.findings) {
            const fr = toRange(doc, f.span);
            if (!fr.intersection(range) && !ctx.diagnostics.some((d) => d.range.isEqual(fr))) continue;
            for (const fix of f.fixes ?? []) {
              const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
              const edit = new vscode.WorkspaceEdit();
              for (const e of fix.edits) edit.replace(doc.uri, toRange(doc, e.span), e.newText);
              action.edit = edit;
              action.isPreferred = fix.isPreferred;
              action.diagnostics = ctx.diagnostics.filter((d) => d.range.isEqual(fr) && codeOf(d) === f.ruleId);
              actions.push(action);
            }
          }
          return actions;
        },
      },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
    // What an entity or property becomes in CloudKit (the same hover as on `contents` models).
    vscode.languages.registerHoverProvider([{ language: 'typescript' }, { language: 'typescriptreact' }], {
      provideHover(doc, position) {
        const entry = linted.get(doc.uri.toString());
        if (!entry || entry.version !== doc.version) return undefined;
        const h = cloudKitHoverAt(entry.model, doc.offsetAt(position));
        return h ? new vscode.Hover(new vscode.MarkdownString(h.lines.join('\n\n')), toRange(doc, h.span)) : undefined;
      },
    }),
    vscode.commands.registerCommand('cloudkit.generateTypes', (source?: vscode.Uri, target?: vscode.Uri) => generateTypesCommand(output, source, target)),
    vscode.commands.registerCommand('cloudkit.createModelDefinitionHelper', (folder?: vscode.Uri) => createHelperCommand(folder)),
  );
  for (const doc of vscode.workspace.textDocuments) if (matches(doc)) schedule(doc, 0);
}

function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : c === undefined ? undefined : String(c);
}

/** "CloudKit: Generate TypeScript Types": from the active (or given) .ckdb, model `contents` or .cdmodel.ts. */
async function generateTypesCommand(output: vscode.LogOutputChannel, source?: vscode.Uri, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  let uri = source ?? vscode.window.activeTextEditor?.document.uri;
  if (uri && uri.scheme === 'file' && /\.xcdatamodeld?\/?$/.test(uri.path)) {
    // A model bundle or version folder (explorer menu): its current version's contents.
    const { model, error } = await currentVersions().resolve(uri);
    if (!model) {
      void vscode.window.showErrorMessage(error ?? 'not a model');
      return undefined;
    }
    uri = model.contents;
  }
  if (!uri || !inputKindOf(uri.path)) {
    const picked = await vscode.window.showOpenDialog({
      title: 'Generate TypeScript types from a CloudKit schema or a model',
      filters: { 'CloudKit schema or model': ['ckdb', 'ts'], 'Core Data model contents': ['*'] },
      canSelectMany: false,
    });
    uri = picked?.[0];
    if (!uri) return undefined;
  }
  const kind = inputKindOf(uri.path);
  if (!kind) {
    void vscode.window.showErrorMessage(`${vscode.workspace.asRelativePath(uri)} is not a .ckdb schema, a model contents file or a .cdmodel.ts model.`);
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const result = schemaFromText(kind, doc.getText(), vscode.workspace.asRelativePath(uri));
  if (!result.schema) {
    output.error(result.errors.join('\n'));
    void vscode.window.showErrorMessage(`Cannot generate types: ${result.errors[0] ?? 'the file could not be read'}`);
    return undefined;
  }
  const text = loadTypeScriptSupport().generateTypes(result.schema, {
    source: vscode.workspace.asRelativePath(uri), tool: 'CloudKit: Generate TypeScript Types',
  });
  const base = uri.path.split('/').pop()!.replace(/\.cdmodel\.ts$|\.ts$|\.ckdb$/, '');
  const model = /([^/]+)\.xcdatamodeld?\/[^/]+\.xcdatamodel\/contents$|([^/]+)\.xcdatamodel\/contents$/.exec(uri.path);
  const defaultName = base === 'contents' ? `${(model?.[1] ?? model?.[2] ?? 'cloudkit-records').replace(/ \d+$/, '')}.types.ts` : `${base}.types.ts`;
  const out = target ?? await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(uri, '..', defaultName), filters: { TypeScript: ['ts'] }, title: 'Save the generated types',
  });
  if (!out) return undefined;
  await vscode.workspace.fs.writeFile(out, new TextEncoder().encode(text));
  await vscode.window.showTextDocument(out, { preview: false });
  return out;
}

/** "CloudKit: Create Model Definition Helper": writes cloudkit-modeldef.ts (defineModel + types) into a folder. */
async function createHelperCommand(folder?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const dir = folder ?? (active && active.scheme === 'file' ? vscode.Uri.joinPath(active, '..') : vscode.workspace.workspaceFolders?.[0]?.uri);
  if (!dir) {
    void vscode.window.showErrorMessage('Open a folder first: the helper is written into it.');
    return undefined;
  }
  const file = vscode.Uri.joinPath(dir, MODELDEF_HELPER_FILE);
  try {
    await vscode.workspace.fs.stat(file);
    const choice = await vscode.window.showWarningMessage(`${MODELDEF_HELPER_FILE} exists. Replace it with this version's helper?`, { modal: true }, 'Replace');
    if (choice !== 'Replace') return undefined;
  } catch {
    // absent: create it
  }
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(MODELDEF_HELPER_SOURCE));
  await vscode.window.showTextDocument(file, { preview: false });
  return file;
}
