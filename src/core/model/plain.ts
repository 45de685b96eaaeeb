import type { ModelIR } from './ir';

/**
 * A ModelIR as plain JSON data, for crossing a process or frame boundary (the sandbox webview).
 *
 * The XML reader's nodes compute rarely used fields and spans on demand (prototype getters; see
 * src/core/model/xml/reader.ts), which keeps linting fast. Structured clone, object spread and test
 * drivers' argument serialization copy own properties only and would drop those fields; the nodes'
 * `toJSON` writes every field, so a JSON round trip gives the full model as plain data.
 */
export function plainModel(model: ModelIR): ModelIR {
  return JSON.parse(JSON.stringify(model)) as ModelIR;
}
