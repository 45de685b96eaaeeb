import path from 'node:path';
import { CONTAINER_MISMATCH_ID, containerMismatches, mismatchFinding, projectContainersOf, type ContainerMismatch } from '../../core/logs/container-check';
import { describeError, findingOf, LOG_DOCS_URL } from '../../core/logs/log-findings';
import { loadProjectChecks } from '../../project-host/load';
import type { LogReport } from '../../core/logs/reader';
import { formatSarif } from '../format';
import { DEFAULT_MAX_LOG_MB, readLogFile, readLogStream } from '../log-stream';
import { InputError, checkInput, inputLimits, MAX_FILE_SIZE_ENV, type InputLimits } from '../input-file';
import type { CliCommand, CliIo } from '../command';
import { version } from '../version';
import { errorMessage } from '../../core/error-message';


const USAGE = `Usage: ckdev explain <file | -> [options]

Reads a CoreData+CloudKit / CloudKit log (log stream or log show output in any style, an Xcode console
copy, a sysdiagnose excerpt, a forum paste) and explains each error: what it means, whether it needs
action, is transient (will retry) or is benign, what to do, and the technote section. '-' reads stdin.

Options:
  --format text|json|sarif    output format (default text)
  --max-size-mb <n>           refuse larger files (default ${MAX_FILE_SIZE_ENV}, else ${DEFAULT_MAX_LOG_MB};
                              --max-file-size-mb is the same option)
  --progress                  print progress to stderr (on by default for files over 50 MB)
  --project <folder>          compare the containers the log names with this project's (entitlements,
                              setup code); default: the current folder, when the log names a container
  --no-project                do not compare containers

A container the log names that the project does not is a warning (container-mismatch): the log comes
from another app or build, or the app uses a container its entitlements do not list.

Exit status: 1 when an error needing action is found, 0 otherwise, 2 on bad usage or unreadable input.
`;

class UsageError extends Error {}

interface Args { input: string; format: 'text' | 'json' | 'sarif'; limits: InputLimits; progress: boolean; project: string | false | undefined }

function parseArgs(args: string[]): Args {
  let input: string | undefined;
  let format: Args['format'] = 'text';
  let maxMB: number | undefined;
  let progress = false;
  let project: Args['project'];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => {
      const v = inline ?? args[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--format') {
      const v = value();
      if (v !== 'text' && v !== 'json' && v !== 'sarif') throw new UsageError(`unknown format '${v}' (text, json or sarif)`);
      format = v;
    } else if (flag === '--max-size-mb' || flag === '--max-file-size-mb') {
      maxMB = Number(value());
      if (!Number.isFinite(maxMB) || maxMB <= 0) throw new UsageError('--max-size-mb takes a positive number');
    } else if (flag === '--progress') progress = true;
    else if (flag === '--project') project = value();
    else if (flag === '--no-project') project = false;
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option '${a}'`);
    else if (input === undefined) input = a;
    else throw new UsageError('only one input (a file or -)');
  }
  if (input === undefined) throw new UsageError('missing input (a file, or - for stdin)');
  return { input, format, limits: inputLimits(maxMB, process.env, DEFAULT_MAX_LOG_MB), progress, project };
}

export const explainCommand: CliCommand = {
  name: 'explain',
  summary: 'explain the CloudKit errors of a sync log (text, JSON or SARIF)',
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    let args: Args;
    try {
      args = parseArgs(argv);
    } catch (e) {
      if (e instanceof UsageError) { io.stderr(`ckdev explain: ${e.message}\n\n${USAGE}`); return 2; }
      if (e instanceof InputError) { io.stderr(`ckdev explain: ${e.message}\n`); return 2; }
      throw e;
    }
    let report: LogReport;
    const shown = args.input === '-' ? '<stdin>' : path.relative(process.cwd(), args.input) || args.input;
    if (args.input === '-') {
      report = await readLogStream(process.stdin);
    } else {
      // Regular files only, under the cap (a FIFO or a device could block forever): the one input reader.
      let size: number;
      try {
        size = checkInput(args.input, args.limits);
      } catch (e) {
        io.stderr(`ckdev explain: ${e instanceof InputError ? e.message : errorMessage(e)}\n`);
        return 2;
      }
      const st = { size };
      const progress = args.progress || st.size > 50 * 1048576;
      let lastTenth = -1;
      try {
        report = await readLogFile(args.input, progress ? { limits: args.limits,
          onProgress: (n) => {
            const tenth = Math.floor((n / Math.max(1, st.size)) * 10);
            if (tenth !== lastTenth) { lastTenth = tenth; io.stderr(`ckdev explain: read ${Math.min(100, tenth * 10)}% (${(n / 1048576).toFixed(0)} MB)\n`); }
          },
        } : { limits: args.limits });
      } catch (e) {
        io.stderr(`ckdev explain: ${args.input}: ${errorMessage(e)}\n`);
        return 2;
      }
    }
    let mismatches: ContainerMismatch[] = [];
    const names = report.summary.containers.length > 0 || report.errors.some((e) => e.container);
    if (args.project !== false && (args.project !== undefined || names)) {
      const folder = args.project ?? process.cwd();
      try {
        // The editor's comparison (core/logs/container-check.ts), on the project the checks read.
        mismatches = containerMismatches(report, projectContainersOf(await loadProjectChecks().runProjectChecksOnFolder(folder)));
      } catch (e) {
        if (args.project !== undefined) { io.stderr(`ckdev explain: --project ${folder}: ${errorMessage(e)}\n`); return 2; }
      }
    }
    io.stdout(render(args.format, shown, report, mismatches));
    return report.summary.needsAction > 0 ? 1 : 0;
  },
};

function render(format: Args['format'], file: string, r: LogReport, mismatches: readonly ContainerMismatch[]): string {
  const mismatchDoc = `${LOG_DOCS_URL}#${CONTAINER_MISMATCH_ID}`;
  if (format === 'sarif') {
    const rules = [...new Map(r.errors.map((e) => [e.kind.id, { id: e.kind.id, title: e.kind.title, docUrl: `${LOG_DOCS_URL}#${e.kind.id}` }])).values()];
    if (mismatches.length) rules.push({ id: CONTAINER_MISMATCH_ID, title: 'Container not the project\'s', docUrl: mismatchDoc });
    return formatSarif([{ file, findings: [...mismatches.map((m) => mismatchFinding(m, mismatchDoc)), ...r.errors.map(findingOf)] }], {
      name: 'ckdev explain', version, informationUri: LOG_DOCS_URL, rules,
    });
  }
  if (format === 'json') return JSON.stringify({ ...toJson(file, r), containerMismatches: mismatches.map((m) => ({ line: m.range.start.line + 1, column: m.range.start.character + 1, ...m })) }, null, 2) + '\n';
  const lines = [`${file}: ${r.summary.headline}`];
  for (const n of r.notes) lines.push(`note: ${n.message}`);
  for (const m of mismatches) lines.push(`${file}:${m.range.start.line + 1}:${m.range.start.character + 1} warning ${CONTAINER_MISMATCH_ID} ${m.message}`);
  const { exports: ex, imports: im } = r.summary;
  lines.push(`read ${r.lines} lines, ${r.entries} events (${Object.entries(r.formats).map(([f, n]) => `${f} ${n}`).join(', ') || 'none'}); exports ${ex.succeeded} ok / ${ex.failed} failed; imports ${im.succeeded} ok / ${im.failed} failed`);
  for (const e of r.errors) {
    lines.push('', `${file}:${e.range.start.line + 1}:${e.range.start.character + 1} ${findingOf(e).severity} ${e.kind.id} ${describeError(e)}`);
  }
  return lines.join('\n') + '\n';
}

function toJson(file: string, r: LogReport): object {
  return {
    file, summary: r.summary, notes: r.notes, lines: r.lines, entries: r.entries, formats: r.formats,
    errors: r.errors.map((e) => ({
      line: e.range.start.line + 1, column: e.range.start.character + 1, range: e.range,
      kind: e.kind.id, title: e.kind.title, classification: e.classification, codes: e.codes, chain: e.chain,
      message: e.message, meaning: e.kind.meaning, action: e.kind.action, sources: e.sources,
      affectedItems: e.affectedItems, recordType: e.recordType, field: e.field, container: e.container,
      retryAfterSeconds: e.retryAfterSeconds, modelItems: e.modelItems, error: e.root,
    })),
    events: r.events, sessions: r.sessions,
  };
}
