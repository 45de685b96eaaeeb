import * as vscode from 'vscode';
import { cloudKitHoverAt } from '../../core/model/hover';
import { spanToRange } from './convert';
import type { ModelLintService } from './service';

/** Hover on an entity, attribute or relationship: the CloudKit record type and field(s) it becomes. */
export class ModelHoverProvider implements vscode.HoverProvider {
  constructor(private readonly service: ModelLintService) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const analysis = this.service.analysisOf(doc);
    if (!analysis) return undefined;
    const h = cloudKitHoverAt(analysis.model, doc.offsetAt(position));
    if (!h) return undefined;
    return new vscode.Hover(new vscode.MarkdownString(h.lines.join('\n\n')), spanToRange(doc, h.span));
  }
}
