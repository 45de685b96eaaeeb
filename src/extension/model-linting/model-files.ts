import type * as vscode from 'vscode';
import type { ModelSource, ModelSourceFile } from '../../core/model/model-source';
import { readText, workspaceFileAccess } from '../common/workspace-fs';

/**
 * The files of the model a document belongs to, for a multi-file source (SwiftData: every `@Model`
 * file of the project, the source's `modelFilesOf`), each with the text VS Code shows (unsaved edits
 * included). Paths are URI strings, so findings map back to URIs. The document itself comes first and
 * is always in, with its current text.
 *
 * Finding the files walks the project and reads every file of the source's kind, so the list is kept per
 * document until a file of the source changes on disk (`forget`): typing re-reads only the model's files.
 */
export class ModelFileLists {
  private readonly lists = new Map<string, Promise<vscode.Uri[]>>();

  forget(): void {
    this.lists.clear();
  }

  async filesOf(source: ModelSource, uri: vscode.Uri, text: string): Promise<ModelSourceFile[]> {
    const self = { path: uri.toString(), text };
    // A file that is no model on its own (a Swift file without @Model) is not worth a project walk.
    if (!source.modelFilesOf || (source.declaresModel && !source.declaresModel(text))) return [self];
    let list = this.lists.get(self.path);
    if (!list) {
      list = source.modelFilesOf(workspaceFileAccess(), uri);
      this.lists.set(self.path, list);
      list.catch(() => this.lists.delete(self.path));
    }
    const files: ModelSourceFile[] = [self];
    for (const other of await list) {
      if (other.toString() === self.path) continue;
      try {
        files.push({ path: other.toString(), text: await readText(other) });
      } catch {
        // Deleted since the walk: the model is what is left.
      }
    }
    return files;
  }
}
