import { parseCkdb } from '../../core/ckdb/parser';
import type { DeployPlan, SideText } from '../../core/deploy';
import { checkModelAgainstProduction, diffSchemas, nameCodeDeclarations, planToFindings, planToJson, summaryText } from '../../core/deploy';
import type { Finding } from '../../core/findings';
import { LineIndex } from '../../core/text/span';
import type { CliCommand, CliIo } from '../command';
import { formatSarif, formatText } from '../format';
import { modelSources } from '../../model-sources';
import { intoModelFiles, placeSpan, readModelInput, type ModelInput } from '../model-input';
import { version } from '../version';
import { errorMessage } from '../../core/error-message';
import { InputError, pathKind, readInputText, takeSizeOption } from '../input-file';

/**
 * `ckdev check --dev <ckdb|model> --prod <ckdb> [--format text|json|sarif]`: the deploy check for CI.
 * Exit 0 when the deploy is accepted, 1 when a change is blocked, 2 on bad usage or unreadable input
 * (including a schema with syntax errors: cktool would refuse it before any deploy).
 *
 * Text and SARIF go through the CLI's shared formatters (src/cli/format.ts, as `ckdev lint`): one
 * `file:line:col severity kind message` line per change (what the `$ckdev` problem matcher reads),
 * and the summary on stderr. JSON is the deploy plan's own contract.
 */
const USAGE = `Usage: ckdev check --dev <development.ckdb | model> --prod <production.ckdb> [--format text|json|sarif]

Checks what deploying the development schema to production would do, with the verdict CloudKit
would give to each change (safe, blocked, warning).

  --dev      the development schema (.ckdb), or a model (.xcdatamodeld bundle: its current version;
             .xcdatamodel folder; its contents file; a .cdmodel.ts; SwiftData sources: a Swift file or
             a folder of them): then every field the app would write
             that production lacks is reported with the server's error message
  --prod     the production schema (.ckdb, e.g. from \`cktool export-schema --environment production\`)
  --format   text (default), json or sarif
  --max-file-size-mb <n>  refuse larger input files (default: CKDEV_MAX_FILE_SIZE_MB, else 10)

Exit status: 0 deployable, 1 blocked, 2 bad usage or unreadable input.
`;

type Format = 'text' | 'json' | 'sarif';

interface Args { dev: string; prod: string; format: Format }

function parseArgs(args: string[]): Args | string {
  const out: Partial<Args> = { format: 'text' };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? args[++i];
    if (flag === '--dev') out.dev = value();
    else if (flag === '--prod') out.prod = value();
    else if (flag === '--format') {
      const f = value();
      if (f !== 'text' && f !== 'json' && f !== 'sarif') return `unknown format '${f ?? ''}' (text, json or sarif)`;
      out.format = f;
    } else return `unexpected argument '${a}'`;
  }
  if (!out.dev) return 'missing --dev';
  if (!out.prod) return 'missing --prod';
  return out as Args;
}

function syntaxErrors(file: string, findings: readonly Finding[]): string[] {
  return findings.filter((f) => f.severity === 'error').map((f) => `${file}:${f.range.start.line + 1}:${f.range.start.character + 1}: error: ${f.message} [${f.ruleId}]`);
}

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'Deploy check: development schema or model vs production schema (safe / blocked / warning)',
  usage: USAGE,
  async run(argvAll: string[], io: CliIo): Promise<number> {
    const { args: argv, limits } = takeSizeOption(argvAll);
    const args = parseArgs(argv);
    if (typeof args === 'string') {
      io.stderr(`ckdev check: ${args}\n\n${USAGE}`);
      return 2;
    }
    const readText = (p: string): string | undefined => {
      try {
        return readInputText(p, limits);
      } catch (e) {
        io.stderr(`ckdev check: ${e instanceof InputError ? e.message : `cannot read ${p}: ${errorMessage(e)}`}\n`);
        return undefined;
      }
    };
    const prodText = readText(args.prod);
    if (prodText === undefined) return 2;
    const prodParsed = parseCkdb(prodText);
    const errors = syntaxErrors(args.prod, prodParsed.findings);
    const prodSide: SideText = { file: args.prod, lines: prodParsed.lines };

    let plan: DeployPlan;
    let devSide: SideText;
    // A model is what `ckdev schema` accepts (src/cli/model-path.ts); anything else is read as a .ckdb.
    const looksLikeModel = !args.dev.endsWith('.ckdb')
      && (/\.xcdatamodeld?[\\/]?$/i.test(args.dev) || /(^|[\\/])contents$/.test(args.dev) || modelSources.forPath(args.dev) !== undefined
        || pathKind(args.dev) === 'directory');
    let input: ModelInput | undefined;
    if (looksLikeModel) {
      try {
        input = await readModelInput(args.dev, limits);
      } catch (e) {
        io.stderr(`ckdev check: ${errorMessage(e)}\n`);
        return 2;
      }
    }
    if (input) {
      const { model } = input.read;
      const modelInput = input;
      errors.push(...model.problems.filter((p) => p.severity === 'error').map((p) => {
        const at = placeSpan(modelInput, p.span);
        return `${at.file}:${at.range.start.line + 1}:${at.range.start.character + 1}: error: ${p.message} [syntax]`;
      }));
      devSide = { file: input.path, lines: new LineIndex(model.sourceText ?? input.files[0]?.text ?? '') };
      // A SwiftData model: each change names the Swift declaration it comes from (`Item.title`).
      plan = nameCodeDeclarations(checkModelAgainstProduction(model, prodParsed.schema), model);
    } else {
      const devText = readText(args.dev);
      if (devText === undefined) return 2;
      if (!args.dev.endsWith('.ckdb') && !/^\s*(DEFINE|\/\/|--|\/\*)/i.test(devText)) {
        io.stderr(`ckdev check: ${args.dev} is neither a .ckdb schema nor a Core Data model\n`);
        return 2;
      }
      const devParsed = parseCkdb(devText);
      errors.push(...syntaxErrors(args.dev, devParsed.findings));
      devSide = { file: args.dev, lines: devParsed.lines };
      plan = diffSchemas(devParsed.schema, prodParsed.schema);
    }
    if (errors.length) {
      io.stderr(errors.join('\n') + '\nckdev check: fix the syntax errors first (cktool would reject the file)\n');
      return 2;
    }

    const DOC = 'https://github.com/cloudkit-devtools/vscode-cloudkit-devtools/blob/main/docs/deploy.md';
    if (args.format === 'json') io.stdout(JSON.stringify(planToJson(plan), null, 2) + '\n');
    else {
      const results = input ? intoModelFiles(input, devSide.file, planToFindings(plan, devSide, prodSide)) : planToFindings(plan, devSide, prodSide);
      if (args.format === 'sarif') {
        const kinds = [...new Set(plan.changes.map((c) => c.kind))];
        io.stdout(formatSarif(results, {
          name: 'ckdev', version, informationUri: DOC,
          rules: kinds.map((k) => ({ id: k, title: k.replace(/-/g, ' '), docUrl: `${DOC}#verdicts` })),
        }));
      } else io.stdout(formatText(results));
    }
    io.stderr(`CloudKit deploy: ${summaryText(plan)}: ${plan.deployable ? 'deployable' : 'NOT deployable (the Console would reject it)'}\n`);
    return plan.deployable ? 0 : 1;
  },
};
