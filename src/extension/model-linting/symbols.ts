import * as vscode from 'vscode';
import { modelSymbols, type ModelSymbol } from '../../core/model/symbols';
import { spanToRange } from '../common/diagnostics';
import type { ModelLintService } from './service';

const KIND: Record<ModelSymbol['kind'], vscode.SymbolKind> = {
  entity: vscode.SymbolKind.Class,
  attribute: vscode.SymbolKind.Field,
  relationship: vscode.SymbolKind.Property,
  fetchedProperty: vscode.SymbolKind.Property,
  configuration: vscode.SymbolKind.Namespace,
  memberEntity: vscode.SymbolKind.Class,
  fetchRequest: vscode.SymbolKind.Function,
};

/** Outline: entities with their attributes, relationships and fetched properties; fetch requests; configurations. */
export class ModelSymbolProvider implements vscode.DocumentSymbolProvider {
  constructor(private readonly service: ModelLintService) {}

  async provideDocumentSymbols(doc: vscode.TextDocument): Promise<vscode.DocumentSymbol[]> {
    const analysis = await this.service.analysisOf(doc);
    if (!analysis) return [];
    const read = await analysis.read();
    // A multi-file model (SwiftData): only this document's symbols, at offsets relative to its start.
    const base = read.fileStart ? read.fileStart(analysis.path) : 0;
    if (base === undefined) return [];
    const end = base + analysis.text.length;
    const local = (x: { start: number; end: number }): vscode.Range => spanToRange(doc, { start: x.start - base, end: x.end - base });
    const convert = (s: ModelSymbol): vscode.DocumentSymbol => {
      const range = local(s.span);
      const sel = local(s.selectionSpan);
      const sym = new vscode.DocumentSymbol(s.name || '(unnamed)', s.detail, KIND[s.kind], range, range.contains(sel) ? sel : range);
      sym.children = s.children.map(convert);
      return sym;
    };
    const symbols = modelSymbols(read.model);
    return (read.fileStart ? symbols.filter((s) => s.span.start >= base && s.span.end <= end) : symbols).map(convert);
  }
}
