import * as vscode from 'vscode';
import type { ProjectContainer } from '../../core/logs/container-check';
import { loadLogReader } from '../../logs-host/load';
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
        out.push(...loadLogReader().projectContainersOf(run));
      } catch (e) {
        this.output?.warn(`sync log: the project in ${folder.name} could not be read for its containers: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return out;
  }
}
