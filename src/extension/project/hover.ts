import * as vscode from 'vscode';
import { loadProjectChecks } from '../../project-host/load';
import type { ProjectCheckService } from './service';

/** Hover on a container setup call in Swift: what each target that runs it gets, per configuration. */
export class ProjectSetupHover implements vscode.HoverProvider {
  constructor(private readonly service: ProjectCheckService) {}

  provideHover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    const offset = doc.offsetAt(pos);
    for (const r of this.service.results) {
      const file = vscode.workspace.asRelativePath(doc.uri, false);
      const { configLines } = loadProjectChecks();
      const lines: string[] = [];
      for (const t of r.run.summary.targets) {
        for (const c of t.configurations) {
          if (!c.stores.some((s) => s.at.file === file && s.at.span.start <= offset && offset <= s.at.span.end)) continue;
          lines.push(`**${t.name}** (${t.kind}) · ${configLines(c).map((l) => l.trim()).join('  \n')}`);
        }
      }
      if (lines.length) return new vscode.Hover(new vscode.MarkdownString(`CloudKit project setup\n\n${lines.join('\n\n')}`));
    }
    return undefined;
  }
}
