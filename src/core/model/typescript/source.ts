import type { EditableModel } from '../editor';
import type { ModelSource } from '../model-source';

/**
 * The TypeScript model source: `defineModel({...})` in `*.cdmodel.ts`, read statically (never run) by
 * the ts-morph reader. ts-morph brings the TypeScript compiler (~10 MB), so the reader is a lazily
 * loaded bundle: whoever registers this source passes `load`, which loads it on the first read.
 */
export interface TypeScriptModelReader {
  readTypeScriptModel(text: string, fileName?: string): EditableModel;
}

export const TYPESCRIPT_MODEL_GLOB = '**/*.cdmodel.ts';

export function typescriptModelSource(load: () => TypeScriptModelReader | Promise<TypeScriptModelReader>): ModelSource {
  return {
    id: 'typescript',
    label: 'TypeScript model definition',
    globs: [TYPESCRIPT_MODEL_GLOB],
    languages: ['typescript', 'typescriptreact'],
    claims: (path) => path.endsWith('.cdmodel.ts'),
    async read(files) {
      const f = files[0];
      return (await load()).readTypeScriptModel(f?.text ?? '', f?.path);
    },
    heavy: true,
  };
}
