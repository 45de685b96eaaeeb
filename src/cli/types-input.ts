import { errorMessage } from '../core/error-message';
import { inputKindOf, schemaFromText, schemaOfModel, type SchemaResult } from '../typescript/schema-source';
import { inputLimits, pathKind, readInputText, type InputLimits } from './input-file';
import { placeSpan, readModelInput } from './model-input';
import { resolveModelContents } from './model-path';

/** Reads the file or model bundle at `input` and returns its schema; `source` is the file actually read. */
export async function schemaForTypes(input: string, limits: InputLimits = inputLimits()): Promise<SchemaResult & { source: string }> {
  const isDir = pathKind(input) === 'directory';
  if (input.endsWith('.swift') || (isDir && !/\.xcdatamodeld?[\\/]?$/i.test(input))) return swiftSchema(input, limits);
  let file = input;
  if (isDir) {
    try {
      file = (await resolveModelContents(input)).contentsPath;
    } catch (e) {
      return { errors: [errorMessage(e)], source: input };
    }
  }
  const kind = inputKindOf(file);
  if (!kind) return { errors: [`${input}: not a .ckdb schema, a Core Data model, a .cdmodel.ts model or SwiftData sources`], source: file };
  return { ...schemaFromText(kind, readInputText(file, limits), file), source: file };
}

/** SwiftData sources (a Swift file with its project's @Model files, or a folder): the schema of their model. */
async function swiftSchema(input: string, limits: InputLimits): Promise<SchemaResult & { source: string }> {
  try {
    const model = await readModelInput(input, limits);
    const { problems, entities } = model.read.model;
    const errors = problems.filter((p) => p.severity === 'error').map((p) => {
      const at = placeSpan(model, p.span);
      return `${at.file}:${at.range.start.line + 1}:${at.range.start.character + 1}: ${p.message}`;
    });
    if (entities.length === 0 && errors.length === 0) errors.push(`${input}: no @Model class found`);
    return errors.length ? { errors, source: input } : { schema: schemaOfModel(model.read.model), errors: [], source: input };
  } catch (e) {
    return { errors: [errorMessage(e)], source: input };
  }
}
