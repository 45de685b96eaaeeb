import * as vscode from 'vscode';
import type { ModelRead, ModelSource, ModelSourceFile } from '../../core/model/model-source';
import { projectRootOf } from '../../core/model/swift/source';
import { LineIndex, type Span } from '../../core/text/span';
import { modelSources } from '../../model-sources';
import { readText, workspaceFileAccess } from './workspace-fs';

/**
 * SwiftData models for the editor's model commands (Generate Schema from Model, Check Schema Deploy,
 * Open Sandbox): which Swift file stands for a model, and the model read from it with every `@Model`
 * file of its project (the swift source's `modelFilesOf`, as the linter reads it). File paths in the
 * read are URI strings; `place` turns a span of the read (the files laid end to end) into a file and
 * range. The parser is loaded only when a model is read (the source's lazy loader).
 */
export interface SwiftDataModel {
  /** The Swift file the model was asked for. */
  readonly uri: vscode.Uri;
  /** The project folder the model's files were looked for in. */
  readonly root: vscode.Uri;
  readonly files: readonly ModelSourceFile[];
  readonly read: ModelRead;
  /** A label for people: `ProjectFolder (SwiftData, 3 files)`. */
  readonly label: string;
  place(span: Span): { uri: vscode.Uri; span: Span; range: vscode.Range };
}

export function swiftSource(): ModelSource | undefined {
  return modelSources.byId('swift');
}

/** Whether a URI is a Swift file (the source's claim). */
export function isSwiftUri(uri: vscode.Uri): boolean {
  return swiftSource()?.claims(uri.path) ?? false;
}

/** The active editor's document when it is a Swift file that declares a `@Model` class. */
export function activeSwiftModelDocument(): vscode.TextDocument | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  const source = swiftSource();
  if (!doc || !source || !source.claims(doc.uri.path)) return undefined;
  return source.declaresModel?.(doc.getText()) === false ? undefined : doc;
}

/** How many Swift files a workspace scan looks at (modelling choice: a large app's model is found well within it). */
export const SWIFT_SCAN_LIMIT = 2000;

/** The workspace's Swift files outside dependency and build folders, at most `limit` of them. */
export function listWorkspaceSwiftFiles(limit = SWIFT_SCAN_LIMIT): Thenable<vscode.Uri[]> {
  return vscode.workspace.findFiles('**/*.swift', '**/{node_modules,.git,.build,DerivedData,Pods,Carthage}/**', limit);
}

/**
 * The workspace's Swift files that declare `@Model` classes, one per project (the first by path), so a
 * pick lists each SwiftData model once. Bounded: `limit` Swift files are looked at (modelling choice).
 */
export async function findSwiftModelFiles(limit = SWIFT_SCAN_LIMIT): Promise<vscode.Uri[]> {
  const source = swiftSource();
  if (!source) return [];
  const swift = (await listWorkspaceSwiftFiles(limit))
    .sort((a, b) => a.path.localeCompare(b.path));
  const out: vscode.Uri[] = [];
  const folders = new Set<string>();
  for (const uri of swift) {
    const folder = uri.path.slice(0, uri.path.lastIndexOf('/'));
    if ([...folders].some((f) => folder === f || folder.startsWith(`${f}/`))) continue;
    let text: string;
    try { text = await readText(uri); } catch { continue; }
    if (source.declaresModel?.(text) === false) continue;
    out.push(uri);
    folders.add((await projectRootOf(workspaceFileAccess(), uri)).path);
  }
  return out;
}

/** Reads the SwiftData model a Swift file belongs to; a sentence saying why not when it has none. */
export async function readSwiftDataModel(uri: vscode.Uri): Promise<SwiftDataModel | string> {
  const source = swiftSource();
  if (!source?.modelFilesOf) return 'SwiftData models are not supported in this build.';
  const fs = workspaceFileAccess();
  const root = await projectRootOf(fs, uri);
  const found = await source.modelFilesOf(fs, uri);
  const uris = found.some((u) => u.toString() === uri.toString()) ? found : [uri, ...found];
  const files: ModelSourceFile[] = [];
  for (const u of uris) {
    try { files.push({ path: u.toString(), text: await readText(u) }); } catch { /* deleted since the walk */ }
  }
  if (!files.some((f) => source.declaresModel?.(f.text) !== false)) {
    return `${vscode.workspace.asRelativePath(uri)} declares no @Model class (nor does its project).`;
  }
  const read = await source.read(files, {});
  if (read.model.entities.length === 0) {
    const why = read.model.problems[0]?.message;
    return `No @Model class could be read from ${vscode.workspace.asRelativePath(uri)} and its project${why ? `: ${why}` : ''}.`;
  }
  const lines = new Map<string, LineIndex>();
  const folderName = root.path.slice(root.path.lastIndexOf('/') + 1);
  return {
    uri, root, files, read,
    label: `${folderName} (SwiftData, ${files.length} file${files.length === 1 ? '' : 's'})`,
    place(span) {
      let home = files[0];
      let start = 0;
      for (const f of files) {
        const s = read.fileStart?.(f.path);
        if (s !== undefined && s <= span.start && s >= start) { home = f; start = s; }
      }
      const local = { start: span.start - start, end: span.end - start };
      let index = lines.get(home.path);
      if (!index) { index = new LineIndex(home.text); lines.set(home.path, index); }
      const r = index.rangeOf(local);
      return { uri: vscode.Uri.parse(home.path), span: local, range: new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character) };
    },
  };
}
