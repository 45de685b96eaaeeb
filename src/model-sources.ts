import { ModelSourceRegistry } from './core/model/model-source';
import { typescriptModelSource } from './core/model/typescript/source';
import { xmlModelSource } from './core/model/xml/source';
import { loadTypeScriptSupport } from './typescript/load';

/**
 * THE registration of model sources (src/core/model/model-source.ts): the CLI (`lint`, `schema`,
 * `check`, `types`), the editor's model-document service and its worker thread all read models through
 * this list. A new format is one folder and one line here.
 */
export const modelSources = new ModelSourceRegistry([
  xmlModelSource,
  typescriptModelSource(loadTypeScriptSupport),
]);
