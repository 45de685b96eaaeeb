import type { SwiftParser } from '../../swift/syntax-node';
import type { ModelRead, ModelSourceFile } from '../model-source';
import { createSwiftEditor } from './editor';
import { localizeSwiftFindings } from './lint';
import { readSwiftModel } from './reader';

/**
 * SwiftData sources as a model source's read (source.ts): the model over all files, its Swift editor,
 * findings localized to their files. It lives in the lazily loaded Swift bundle (dist/swift-parser.js,
 * src/swift-parser/node-entry.ts) with the parser, so the reader never enters the activation bundle.
 */
export function readSwiftSources(files: readonly ModelSourceFile[], parser: SwiftParser): ModelRead {
  const model = readSwiftModel(files, parser);
  return {
    model: model.model,
    editor: createSwiftEditor(model),
    localize: (findings) => localizeSwiftFindings(model, findings),
    fileStart: (path) => model.files.find((f) => f.path === path)?.start,
    ...(model.versions.length > 0 ? { versions: model.versions } : {}),
    ...(model.currentVersion !== undefined ? { currentVersion: model.currentVersion } : {}),
  };
}
