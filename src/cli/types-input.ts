import fs from 'node:fs';
import { errorMessage } from '../core/error-message';
import { inputKindOf, schemaFromText, type SchemaResult } from '../typescript/schemaSource';
import { resolveModelContents } from './modelPath';

/** Reads the file or model bundle at `input` and returns its schema; `source` is the file actually read. */
export async function schemaForTypes(input: string): Promise<SchemaResult & { source: string }> {
  let file = input;
  if (fs.statSync(input).isDirectory()) {
    try {
      file = (await resolveModelContents(input)).contentsPath;
    } catch (e) {
      return { errors: [errorMessage(e)], source: input };
    }
  }
  const kind = inputKindOf(file);
  if (!kind) return { errors: [`${input}: not a .ckdb schema, a Core Data model or a .cdmodel.ts model`], source: file };
  return { ...schemaFromText(kind, fs.readFileSync(file, 'utf8'), file), source: file };
}
