import type { Span } from '../../text/span';
import { cloudKitHoverAt, type CloudKitHover } from '../hover';
import { modelSymbols, type ModelSymbol } from '../symbols';
import type { SwiftModel } from './reader';

/**
 * Hover and outline for one Swift file of a SwiftData model: the Core Data ones (hover.ts, symbols.ts,
 * so the CD_ record type and field shown are the ones deriveSchema produces) with spans made
 * file-local. Offsets in and out are the file's own.
 */
export function swiftHoverAt(model: SwiftModel, path: string, offset: number): CloudKitHover | undefined {
  const file = model.files.find((f) => f.path === path);
  if (!file) return undefined;
  const hover = cloudKitHoverAt(model.model, file.start + offset);
  return hover && { span: local(hover.span, file.start), lines: hover.lines };
}

/** The @Model classes declared in this file, with their stored properties. */
export function swiftSymbols(model: SwiftModel, path: string): ModelSymbol[] {
  const file = model.files.find((f) => f.path === path);
  if (!file) return [];
  const end = file.start + file.text.length;
  const move = (s: ModelSymbol): ModelSymbol => ({
    ...s, span: local(s.span, file.start), selectionSpan: local(s.selectionSpan, file.start), children: s.children.map(move),
  });
  return modelSymbols(model.model).filter((s) => s.kind === 'entity' && s.span.start >= file.start && s.span.end <= end).map(move);
}

function local(s: Span, base: number): Span {
  return { start: s.start - base, end: s.end - base };
}
