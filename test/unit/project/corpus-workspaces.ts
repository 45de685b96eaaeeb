import fs from 'node:fs';
import path from 'node:path';
import type { WorkspaceFile } from '../../../src/core/project';
import { corpusPath } from '../../helpers/paths';

/**
 * The project-config corpus as workspaces: the files are saved flat (owner__repo__path), and MANIFEST.tsv
 * gives each one's repository and path, so each repository's files are put back at their paths.
 */
export interface CorpusWorkspace { readonly repo: string; readonly files: WorkspaceFile[] }

export function corpusWorkspaces(): CorpusWorkspace[] {
  const dir = corpusPath('project-config');
  const rows = fs.readFileSync(path.join(dir, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1).filter((l) => l.trim());
  const byRepo = new Map<string, WorkspaceFile[]>();
  for (const row of rows) {
    const [saved, repo, p] = row.split('\t');
    const bytes = new Uint8Array(fs.readFileSync(path.join(dir, saved)));
    const file: WorkspaceFile = p.endsWith('.plist') || p.endsWith('.entitlements') ? { path: p, bytes } : { path: p, text: Buffer.from(bytes).toString('utf8') };
    const list = byRepo.get(repo) ?? [];
    list.push(file);
    byRepo.set(repo, list);
  }
  return [...byRepo].map(([repo, files]) => ({ repo, files }));
}
