import { deriveSchema } from '../../core/cloudkit/derive';
import { printSchema } from '../../core/ckdb/printer';
import { cloudKitScope, DEFAULT_CONFIGURATION, LINT_MODES, type LintMode } from '../../core/model/scope';
import type { CliCommand, CliIo } from '../command';
import { readModelInput, type ModelInput } from '../model-input';
import { cliSyncScope } from '../sync-scope';
import { errorMessage } from '../../core/error-message';
import { takeSizeOption } from '../input-file';

const USAGE = `Usage: ckdev schema <model> [options]

Prints the CloudKit schema (.ckdb) that NSPersistentCloudKitContainer creates for a Core Data model:
CD_ record types per root entity, CDMR for many-to-many relationships, the system fields, sorted like a
cktool export. <model> is a .xcdatamodel/contents file, an .xcdatamodel folder, an .xcdatamodeld
bundle (its current version, from .xccurrentversion), a TypeScript model definition (*.cdmodel.ts), or
SwiftData sources: a Swift file (with every @Model file of its project) or a folder of Swift files.

Options:
  --profile export|minimal   export (default): also the indexes, grants and Users type a development
                             container creates just-in-time, to compare with \`cktool export-schema\`;
                             minimal: record types and fields only
  --mode auto|always|never   which entities are mirrored: auto (default) uses what the app's setup code
                             syncs (the Swift files of the model's project: ModelConfiguration,
                             NSPersistentCloudKitContainer and store descriptions), else the model's
                             "Used with CloudKit" configurations when flagged, else every entity
  --configuration <name>     only this configuration's entities (a Core Data model configuration,
                             "Default" for every entity, or a SwiftData ModelConfiguration name);
                             wins over the code
  --max-file-size-mb <n>     refuse larger model files (default: CKDEV_MAX_FILE_SIZE_MB, else 10)

Exit status: 0 on success, 2 on bad usage or an unreadable model.
`;

export const schemaCommand: CliCommand = {
  name: 'schema',
  summary: 'print the CloudKit schema (.ckdb) a Core Data model implies',
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { args, limits } = takeSizeOption(argv);
    let profile: 'export' | 'minimal' = 'export';
    let mode: LintMode = 'auto';
    let configuration: string | undefined;
    const paths: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
      const value = (): string | undefined => inline ?? args[++i];
      if (flag === '--profile') {
        const v = value();
        if (v !== 'export' && v !== 'minimal') { io.stderr(`ckdev schema: --profile takes export or minimal\n\n${USAGE}`); return 2; }
        profile = v;
      } else if (flag === '--mode') {
        const v = value();
        if (!v || !(LINT_MODES as readonly string[]).includes(v)) { io.stderr(`ckdev schema: --mode takes auto, always or never\n\n${USAGE}`); return 2; }
        mode = v as LintMode;
      } else if (flag === '--configuration') {
        const v = value()?.trim();
        if (!v) { io.stderr(`ckdev schema: --configuration takes a configuration name\n\n${USAGE}`); return 2; }
        configuration = v;
      } else if (a.startsWith('-')) {
        io.stderr(`ckdev schema: unknown option '${a}'\n\n${USAGE}`);
        return 2;
      } else paths.push(a);
    }
    if (paths.length !== 1) {
      io.stderr(`ckdev schema: ${paths.length ? 'one model at a time' : 'no model given'}\n\n${USAGE}`);
      return 2;
    }
    let input: ModelInput;
    try {
      input = await readModelInput(paths[0], limits);
    } catch (e) {
      io.stderr(`ckdev schema: ${errorMessage(e)}\n`);
      return 2;
    }
    const { model } = input.read;
    const fatal = model.problems.filter((p) => p.severity === 'error');
    const empty = model.format === 'swift' ? model.entities.length === 0 : model.root === undefined;
    if (fatal.length > 0 || empty) {
      io.stderr(`ckdev schema: ${input.path}: ${fatal[0]?.message ?? (model.format === 'swift' ? 'no @Model class found' : 'not a Core Data model')}\n`);
      return 2;
    }
    if (mode === 'never') { io.stderr('ckdev schema: --mode never mirrors no entity\n'); return 2; }
    if (configuration && model.format !== 'swift' && configuration !== DEFAULT_CONFIGURATION && !model.configurations.some((c) => c.name === configuration)) {
      const names = [DEFAULT_CONFIGURATION, ...model.configurations.map((c) => c.name)].map((n) => `"${n}"`).join(', ');
      io.stderr(`ckdev schema: ${input.path}: the model has no configuration "${configuration}" (it has ${names})\n`);
      return 2;
    }
    const sync = await cliSyncScope(input.files[0]?.path ?? input.path, model, configuration);
    const scope = cloudKitScope(model, mode, sync);
    if (sync && !sync.synced && !scope.active) io.stderr(`ckdev schema: the app's code does not sync this model (${sync.reason ?? 'no CloudKit store'}); the schema below is what it would create if it did\n`);
    const schema = deriveSchema(model, { profile, ...(scope.active ? { entities: scope.entities } : {}) });
    io.stdout(printSchema(schema));
    return 0;
  },
};
