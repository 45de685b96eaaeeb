import type * as vscode from 'vscode';
import type { DirEntry, EntryKind, FileAccess, FileStat } from '../../core/model/file-access';

/**
 * The file-access port over `vscode.workspace.fs` (remote and virtual workspaces too): locations are
 * URIs. Built from the few `vscode` members it needs, so a unit test can hand it a fake `workspace.fs`
 * (test/unit/model/current-version.test.ts); the extension uses `workspaceFileAccess()`.
 */
export interface WorkspaceFsApi {
  readonly fs: Pick<vscode.FileSystem, 'readDirectory' | 'readFile' | 'stat'>;
  readonly FileType: { readonly File: number; readonly Directory: number; readonly SymbolicLink: number };
  joinPath(base: vscode.Uri, ...segments: string[]): vscode.Uri;
}

export function createWorkspaceFileAccess(api: WorkspaceFsApi): FileAccess<vscode.Uri> {
  const kindOf = (t: number): EntryKind => ((t & api.FileType.Directory) !== 0 ? 'directory' : (t & api.FileType.File) !== 0 ? 'file' : 'other');
  const basename = (u: vscode.Uri): string => u.path.replace(/\/+$/, '').slice(u.path.replace(/\/+$/, '').lastIndexOf('/') + 1);
  const stat = async (u: vscode.Uri): Promise<FileStat | undefined> => {
    try {
      const st = await api.fs.stat(u);
      return { kind: kindOf(st.type), size: st.size };
    } catch {
      return undefined;
    }
  };
  return {
    join: (dir, ...names) => api.joinPath(dir, ...names),
    basename,
    parent: (u) => api.joinPath(u, '..'),
    async list(dir): Promise<DirEntry[]> {
      const out: DirEntry[] = [];
      for (const [name, type] of await api.fs.readDirectory(dir)) {
        // A link's target kind is usually or'ed into its type (Directory | SymbolicLink); when a provider
        // reports the link alone, ask for the target (a dangling link is 'other').
        const bare = (type & api.FileType.SymbolicLink) !== 0 && (type & (api.FileType.Directory | api.FileType.File)) === 0;
        out.push({ name, kind: bare ? (await stat(api.joinPath(dir, name)))?.kind ?? 'other' : kindOf(type) });
      }
      return out;
    },
    readText: async (file) => new TextDecoder('utf-8').decode(await api.fs.readFile(file)),
    stat,
  };
}
