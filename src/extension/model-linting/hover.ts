import * as vscode from 'vscode';
import { cloudKitHoverAt } from '../../core/cloudkit/model-hover';
import { spanToRange } from '../common/diagnostics';
import type { ModelLintService } from './service';

/** Hover on an entity, attribute or relationship (any model source): the CloudKit record type and field(s) it becomes. */
export class ModelHoverProvider implements vscode.HoverProvider {
  constructor(private readonly service: ModelLintService) {}

  async provideHover(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const analysis = await this.service.analysisOf(doc);
    if (!analysis) return undefined;
    const read = await analysis.read();
    // A multi-file model (SwiftData) indexes its files laid end to end: this document starts at `base`.
    const base = read.fileStart ? read.fileStart(analysis.path) : 0;
    if (base === undefined) return undefined;
    const h = cloudKitHoverAt(read.model, base + doc.offsetAt(position));
    if (!h) return undefined;
    const span = { start: h.span.start - base, end: h.span.end - base };
    return new vscode.Hover(new vscode.MarkdownString(h.lines.join('\n\n')), spanToRange(doc, span));
  }
}
