import * as vscode from 'vscode';
import { completionContext, completionEntries, type CompletionEntry } from '../../core/ckdb/completion';
import { formatCkdb } from '../../core/ckdb/formatter';
import { hoverAt } from '../../core/ckdb/hover';
import { formatFieldType } from '../../core/cloudkit/schema-ir';
import type { Fix } from '../../core/findings';
import { ruleIdOf, spanToRange, toRange } from '../common/diagnostics';
import type { CkdbService } from './service';

/** Formatting in the cktool export layout, as minimal edits that keep comments (core/ckdb/formatter). */
export class CkdbFormattingProvider implements vscode.DocumentFormattingEditProvider {
  provideDocumentFormattingEdits(doc: vscode.TextDocument): vscode.TextEdit[] {
    const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    return formatCkdb(doc.getText(), { eol }).map((e) => vscode.TextEdit.replace(spanToRange(doc, e.span), e.newText));
  }
}

/** Outline: roles, record types with their fields and grants. */
export class CkdbSymbolProvider implements vscode.DocumentSymbolProvider {
  constructor(private readonly service: CkdbService) {}

  provideDocumentSymbols(doc: vscode.TextDocument): vscode.DocumentSymbol[] {
    const a = this.service.analysisOf(doc);
    if (!a) return [];
    const out: vscode.DocumentSymbol[] = [];
    const sym = (name: string, detail: string, kind: vscode.SymbolKind, span: { start: number; end: number }, sel: { start: number; end: number }) => {
      const range = spanToRange(doc, span);
      const selection = spanToRange(doc, sel);
      return new vscode.DocumentSymbol(name || '(unnamed)', detail, kind, range, range.contains(selection) ? selection : range);
    };
    for (const r of a.parsed.schema.roles) if (r.span && r.nameSpan) out.push(sym(r.name, 'role', vscode.SymbolKind.Key, r.span, r.nameSpan));
    for (const rt of a.parsed.schema.recordTypes) {
      if (!rt.span || !rt.nameSpan) continue;
      const s = sym(rt.name, `${rt.fields.length} fields`, vscode.SymbolKind.Struct, rt.span, rt.nameSpan);
      for (const f of rt.fields) {
        if (f.span && f.nameSpan) s.children.push(sym(f.name, [formatFieldType(f.type), ...f.options].join(' '), vscode.SymbolKind.Field, f.span, f.nameSpan));
      }
      for (const g of rt.grants) {
        if (g.span && g.roleSpan) s.children.push(sym(`GRANT ${g.permissions.join(', ')}`, `TO ${g.role}`, vscode.SymbolKind.Event, g.span, g.span));
      }
      out.push(s);
    }
    return out;
  }
}

export class CkdbHoverProvider implements vscode.HoverProvider {
  constructor(private readonly service: CkdbService) {}

  provideHover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    const a = this.service.analysisOf(doc);
    if (!a) return undefined;
    const h = hoverAt(a.parsed, doc.getText(), doc.offsetAt(pos));
    return h ? new vscode.Hover(new vscode.MarkdownString(h.markdown), spanToRange(doc, h.span)) : undefined;
  }
}

const KIND: Record<CompletionEntry['kind'], vscode.CompletionItemKind> = {
  keyword: vscode.CompletionItemKind.Keyword,
  type: vscode.CompletionItemKind.TypeParameter,
  option: vscode.CompletionItemKind.Property,
  role: vscode.CompletionItemKind.Constant,
  field: vscode.CompletionItemKind.Field,
  snippet: vscode.CompletionItemKind.Snippet,
};

export class CkdbCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly service: CkdbService) {}

  provideCompletionItems(doc: vscode.TextDocument, pos: vscode.Position): vscode.CompletionItem[] {
    const text = doc.getText();
    const ctx = completionContext(text, doc.offsetAt(pos));
    const schema = this.service.analysisOf(doc)?.parsed.schema;
    // Replace the word being typed, including a leading quote for quoted names.
    const wordRange = doc.getWordRangeAtPosition(pos, /"?[A-Za-z_][A-Za-z0-9_]*"?|"/);
    return completionEntries(ctx, schema).map((e) => {
      const item = new vscode.CompletionItem(e.label, KIND[e.kind]);
      if (e.detail) item.detail = e.detail;
      if (e.documentation) item.documentation = new vscode.MarkdownString(e.documentation);
      const insert = e.insertText ?? e.label;
      item.insertText = e.snippet ? new vscode.SnippetString(insert) : insert;
      if (wordRange) item.range = wordRange;
      return item;
    });
  }
}

/** Quick fixes the CKS checks computed (quote a name, split a GRANT, remove an index...). */
export class CkdbCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly service: CkdbService) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const a = this.service.analysisOf(doc);
    if (!a) return [];
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      const ruleId = ruleIdOf(d);
      const f = a.findings.find((x) => x.ruleId === ruleId && toRange(x.range).isEqual(d.range));
      for (const fix of f?.fixes ?? []) actions.push(this.action(doc, d, fix));
    }
    return actions;
  }

  private action(doc: vscode.TextDocument, d: vscode.Diagnostic, fix: Fix): vscode.CodeAction {
    const act = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    const we = new vscode.WorkspaceEdit();
    for (const e of fix.edits) we.replace(doc.uri, spanToRange(doc, e.span), e.newText);
    act.edit = we;
    act.diagnostics = [d];
    act.isPreferred = fix.isPreferred === true;
    return act;
  }
}
