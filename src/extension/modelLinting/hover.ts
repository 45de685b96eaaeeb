import * as vscode from 'vscode';
import { cloudKitHoverAt } from '../../core/model/hover';
import { spanToRange } from '../common/diagnostics';
import type { ModelLintService } from './service';

/** Hover on an entity, attribute or relationship (any model source): the CloudKit record type and field(s) it becomes. */
export class ModelHoverProvider implements vscode.HoverProvider {
  constructor(private readonly service: ModelLintService) {}

  async provideHover(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const analysis = await this.service.analysisOf(doc);
    if (!analysis) return undefined;
    const h = cloudKitHoverAt((await analysis.read()).model, doc.offsetAt(position));
    if (!h) return undefined;
    return new vscode.Hover(new vscode.MarkdownString(h.lines.join('\n\n')), spanToRange(doc, h.span));
  }
}
