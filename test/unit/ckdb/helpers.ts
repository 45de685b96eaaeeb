/** Deep copy of a SchemaIR (or any value) without span properties, for comparing parses. */
export function stripSpans(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripSpans);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (!/span$/i.test(k)) out[k] = stripSpans(x);
    return out;
  }
  return v;
}
