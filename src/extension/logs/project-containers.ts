import * as vscode from 'vscode';
import type { ProjectContainer } from '../../core/logs/container-check';
import { loadProjectChecks } from '../../project-host/load';

/**
 * The CloudKit containers the workspace's projects name (entitlements per target configuration, and the
 * containers the setup code passes to its stores), read by the project checks (src/core/project) on each
 * local workspace folder, kept until a project file changes (`invalidate`). None when there is no project:
 * then a log's container is not compared.
 */
export class ProjectContainers {
  private cached: Promise<ProjectContainer[]> | undefined;

  constructor(private readonly output?: vscode.LogOutputChannel) {}

  invalidate(): void {
    this.cached = undefined;
  }

  get(): Promise<ProjectContainer[]> {
    return (this.cached ??= this.read());
  }

  private async read(): Promise<ProjectContainer[]> {
    const out: ProjectContainer[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') continue;
      try {
        const run = await loadProjectChecks().runProjectChecksOnFolder(folder.uri.fsPath);
        for (const t of run.summary.targets) {
          for (const c of t.configurations) {
            for (const id of c.containers) out.push({ id, where: c.entitlements ?? `${t.name} ${c.name}` });
            for (const s of c.stores) for (const id of s.containers) if (id.startsWith('iCloud.')) out.push({ id, where: s.at.file });
          }
        }
        for (const s of run.analysis.stores) for (const c of s.containerIds) if (c.literal) out.push({ id: c.literal, where: s.file });
      } catch (e) {
        this.output?.warn(`sync log: the project in ${folder.name} could not be read for its containers: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return out;
  }
}
