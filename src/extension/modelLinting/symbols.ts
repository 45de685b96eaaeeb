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
    const convert = (s: ModelSymbol): vscode.DocumentSymbol => {
      const range = spanToRange(doc, s.span);
      const sel = spanToRange(doc, s.selectionSpan);
      const sym = new vscode.DocumentSymbol(s.name || '(unnamed)', s.detail, KIND[s.kind], range, range.contains(sel) ? sel : range);
      sym.children = s.children.map(convert);
      return sym;
    };
    return modelSymbols((await analysis.read()).model).map(convert);
  }
}
