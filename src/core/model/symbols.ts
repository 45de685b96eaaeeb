import type { ModelIR } from './ir';
import type { Span } from '../text/span';

/** The outline of a model as plain data (the extension maps `kind` to vscode.SymbolKind). */
export interface ModelSymbol {
  readonly name: string;
  readonly detail: string;
  readonly kind: 'entity' | 'attribute' | 'relationship' | 'fetchedProperty' | 'configuration' | 'memberEntity' | 'fetchRequest';
  readonly span: Span;
  readonly selectionSpan: Span;
  readonly children: readonly ModelSymbol[];
}

export function modelSymbols(model: ModelIR): ModelSymbol[] {
  const sel = (n: { attrs: Readonly<Record<string, { valueSpan: Span }>>; headSpan: Span }) => n.attrs.name?.valueSpan ?? n.headSpan;
  const entities: ModelSymbol[] = model.entities.map((e) => ({
    name: e.name, kind: 'entity', span: e.span, selectionSpan: e.nameSpan,
    detail: [e.isAbstract ? 'abstract' : '', e.parentEntity ? `: ${e.parentEntity}` : ''].filter(Boolean).join(' '),
    children: [
      ...e.attributes.map((a): ModelSymbol => ({ name: a.name, kind: 'attribute', span: a.span, selectionSpan: sel(a), detail: `${a.attributeType ?? 'Undefined'}${a.optional ? '?' : ''}`, children: [] })),
      ...e.relationships.map((r): ModelSymbol => ({ name: r.name, kind: 'relationship', span: r.span, selectionSpan: sel(r), detail: `${r.toMany ? 'to-many' : 'to-one'} ${r.destinationEntity}${r.optional ? '?' : ''}`, children: [] })),
      ...e.fetchedProperties.map((f): ModelSymbol => ({ name: f.name, kind: 'fetchedProperty', span: f.span, selectionSpan: sel(f), detail: `fetched ${f.fetchEntity ?? ''}`.trim(), children: [] })),
    ],
  }));
  const requests: ModelSymbol[] = model.fetchRequests.map((f) => ({ name: f.name, kind: 'fetchRequest', span: f.span, selectionSpan: sel(f), detail: f.entity ?? '', children: [] }));
  const configurations: ModelSymbol[] = model.configurations.map((c) => ({
    name: c.name, kind: 'configuration', span: c.span, selectionSpan: sel(c), detail: c.usedWithCloudKit ? 'Used with CloudKit' : 'configuration',
    children: c.memberEntities.map((m): ModelSymbol => ({ name: m.name, kind: 'memberEntity', span: m.span, selectionSpan: m.span, detail: 'member', children: [] })),
  }));
  return [...entities, ...requests, ...configurations];
}
