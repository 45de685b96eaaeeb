import fs from 'node:fs';
import path from 'node:path';
import type { SchemaIR } from '../../core/cloudkit/schema-ir';
import { MODELDEF_HELPER_SOURCE } from '../../modeldef/source';
import { loadTypeScriptSupport } from '../../typescript/load';
import { schemaForTypes } from '../types-input';
import { MAX_FILE_SIZE_ENV, pathKind, takeSizeOption } from '../input-file';
import type { CliCommand, CliIo } from '../command';

/**
 * `ckdev types <schema.ckdb | model>`: TypeScript interfaces for each CloudKit record type. A model
 * (`.xcdatamodeld`, `.xcdatamodel`, `contents` or `.cdmodel.ts`) is first mapped to the schema that
 * NSPersistentCloudKitContainer would create (deriveSchema). ts-morph loads only for this command.
 */
export const typesCommand: CliCommand = {
  name: 'types',
  summary: 'generate TypeScript types for the record types of a .ckdb schema or a model',
  usage: [
    'Usage: ckdev types <schema.ckdb | Model.xcdatamodeld | contents | model.cdmodel.ts> [-o <file.ts>]',
    '       ckdev types --helper [-o cloudkit-modeldef.ts]',
    '',
    'Prints TypeScript interfaces (one per record type, typed fields) to stdout, or writes them to <file.ts>.',
    'A Core Data model is first mapped to the CloudKit schema NSPersistentCloudKitContainer creates.',
    '--helper prints the defineModel() helper that .cdmodel.ts model definitions import.',
    `--max-file-size-mb <n> refuses larger input files (default ${MAX_FILE_SIZE_ENV} or 10).`,
  ].join('\n'),
  async run(argv: string[], io: CliIo): Promise<number> {
    const { args, limits } = takeSizeOption(argv);
    let out: string | undefined;
    let input: string | undefined;
    let helper = false;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '-o' || a === '--out') {
        out = args[++i];
        if (out === undefined) { io.stderr('ckdev types: -o needs a file name\n'); return 2; }
      } else if (a === '--helper') helper = true;
      else if (a.startsWith('-')) { io.stderr(`ckdev types: unknown option '${a}'\n`); return 2; }
      else if (input === undefined) input = a;
      else { io.stderr('ckdev types: only one input file\n'); return 2; }
    }
    let text: string;
    if (helper) {
      text = MODELDEF_HELPER_SOURCE;
    } else {
      if (input === undefined) { io.stderr(`ckdev types: missing input\n\n${typesCommand.usage}\n`); return 2; }
      if (pathKind(input) === undefined) { io.stderr(`ckdev types: ${input}: no such file or directory\n`); return 2; }
      const result = await schemaForTypes(input, limits);
      for (const m of result.errors) io.stderr(`${m}\n`);
      if (!result.schema) return 2;
      const base = path.basename(result.source);
      text = generate(result.schema, base === 'contents' ? `${path.basename(path.dirname(result.source))}/contents` : base);
    }
    if (out) fs.writeFileSync(out, text);
    else io.stdout(text);
    return 0;
  },
};

function generate(schema: SchemaIR, source: string): string {
  return loadTypeScriptSupport().generateTypes(schema, { source, tool: 'ckdev types' });
}
