import type * as vscode from 'vscode';
import type { ModelSource, ModelSourceFile } from '../../core/model/model-source';
import { readText, workspaceFileAccess } from '../common/workspace-fs';

/**
 * The files of the model a document belongs to, for a multi-file source (SwiftData: every `@Model`
 * file of the project, the source's `modelFilesOf`), each with the text VS Code shows (unsaved edits
 * included). Paths are URI strings, so findings map back to URIs. The document itself comes first and
 * is always in, with its current text.
 */
export async function modelFilesOfDocument(source: ModelSource, uri: vscode.Uri, text: string): Promise<ModelSourceFile[]> {
  const self = { path: uri.toString(), text };
  if (!source.modelFilesOf) return [self];
  // A file that is no model on its own (a Swift file without @Model) is not worth a project walk.
  const alone = await source.read([self], {});
  if (alone.model.entities.length === 0 && alone.model.problems.length === 0) return [self];
  const files: ModelSourceFile[] = [self];
  for (const other of await source.modelFilesOf(workspaceFileAccess(), uri)) {
    if (other.toString() === self.path) continue;
    try {
      files.push({ path: other.toString(), text: await readText(other) });
    } catch {
      // Deleted since the walk: the model is what is left.
    }
  }
  return files;
}
