import fs from 'node:fs';
import path from 'node:path';
import type { Finding, Severity } from '../../core/findings';
import { LINT_MODES, type LintMode } from '../../core/model/scope';
import type { CliCommand, CliIo } from '../command';
import { formatFindings, OUTPUT_FORMATS, summaryLine, type FileFindings, type OutputFormat } from '../format';
import { fileLinters, type FileLinter, type FileLintOptions } from '../file-linters';
import { version } from '../version';
import { PROJECT_RULES, projectFileFindings } from './project';
import { InputError, MAX_FILE_SIZE_ENV, pathKind, readInputBytes, takeSizeOption } from '../input-file';

const USAGE = `Usage: ckdev lint <paths...> [options]

Lints Core Data models for NSPersistentCloudKitContainer, TypeScript model definitions (*.cdmodel.ts),
SwiftData @Model classes (*.swift) and CloudKit schema files (.ckdb). Paths may be .xcdatamodel/contents
files, .cdmodel.ts files, Swift files, .ckdb files, .xcdatamodel or .xcdatamodeld folders, or any folder
(searched recursively). A Swift file is checked as part of its project's model: every @Model file below
the nearest folder with a Package.swift, an Xcode project or a .git (else the file's folder).

Options:
  --format text|json|sarif          output format (default text)
  --mode auto|always|never          which models are CloudKit-mirrored (default auto: what the app's
                                    setup code syncs, else the "Used with CloudKit" flags; always:
                                    every model)
  --configuration <name>            the configuration that syncs, when the app's code cannot tell (it wins
                                    over the code): a Core Data model configuration ("Default": every
                                    entity) or a SwiftData ModelConfiguration name
  --rule ID=<severity|off>          override a rule's severity (CKnnn, CKSnnn; repeatable)
  --non-current-severity <severity|off>
                                    severity cap for non-current model versions (default info)
  --max-file-size-mb <n>            skip larger files with one diagnostic (default: ${MAX_FILE_SIZE_ENV}, else 10)

Exit status: 1 when any error is found, 0 otherwise, 2 on bad usage (an unknown option or rule, a path
that is no regular file or folder, nothing to lint) or unreadable paths.
`;

const SEVERITIES = ['error', 'warning', 'info', 'hint'];
const SKIP_DIRS = new Set(['node_modules', '.git', '.build', 'DerivedData', 'Pods', 'out', 'dist']);

class UsageError extends Error {}
/** A usage error told in one line, without the usage text (as ESLint does for an unknown rule or no files). */
class OneLineError extends Error {}

/** Every rule id `--rule` may name: the model rules, `syntax`, the CKS checks, the project checks. */
function knownRuleIds(): Set<string> {
  return new Set([...fileLinters.flatMap((l) => l.rules.map((r) => r.id)), ...PROJECT_RULES.map((r) => r.id), 'project']);
}

interface Parsed { paths: string[]; format: OutputFormat; options: FileLintOptions }

function parseArgs(argv: string[]): Parsed {
  const { args, limits } = takeSizeOption(argv);
  const paths: string[] = [];
  let format: OutputFormat = 'text';
  let mode: LintMode = 'auto';
  const severities: Record<string, Severity | 'off'> = {};
  let nonCurrentSeverity: Severity | 'off' = 'info';
  const maxFileSizeMB = limits.maxBytes / 1048576;
  let configuration: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.indexOf('=');
    const [flag, inline] = a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--format': {
        const v = value();
        if (!(OUTPUT_FORMATS as readonly string[]).includes(v)) throw new UsageError(`unknown format '${v}' (text, json or sarif)`);
        format = v as OutputFormat;
        break;
      }
      case '--mode': {
        const v = value();
        if (!(LINT_MODES as readonly string[]).includes(v)) throw new UsageError(`unknown mode '${v}' (auto, always or never)`);
        mode = v as LintMode;
        break;
      }
      case '--configuration': {
        const v = value().trim();
        if (!v) throw new UsageError('--configuration takes a configuration name');
        configuration = v;
        break;
      }
      case '--rule': {
        const m = /^(\w+)=(error|warning|info|hint|off)$/.exec(value());
        if (!m) throw new UsageError('--rule takes ID=error|warning|info|hint|off (CKnnn or CKSnnn)');
        if (!knownRuleIds().has(m[1])) throw new OneLineError(`unknown rule '${m[1]}' in --rule (known: CK001-CK019, CKS checks, PC01-PC12, syntax)`);
        severities[m[1]] = m[2] as Severity | 'off';
        break;
      }
      case '--non-current-severity': {
        const v = value();
        if (v !== 'off' && !SEVERITIES.includes(v)) throw new UsageError(`unknown severity '${v}'`);
        nonCurrentSeverity = v as Severity | 'off';
        break;
      }
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option '${a}'`);
        paths.push(a);
    }
  }
  if (paths.length === 0) throw new UsageError('no paths given');
  return { paths, format, options: { mode, severities, nonCurrentSeverity, maxFileSizeMB, ...(configuration ? { configuration } : {}) } };
}

/**
 * Files under `p` some linter claims: `p` itself (a regular file, symbolic links followed), or a recursive
 * walk of a folder (sorted; below the top, symbolic links are not followed and only regular files count).
 */
function collect(p: string, out: { file: string; linter: FileLinter }[], top = true): void {
  const kind = top ? pathKind(p) : fs.lstatSync(p).isDirectory() ? 'directory' : 'other';
  if (kind === 'directory') {
    for (const name of fs.readdirSync(p).sort()) {
      const child = path.join(p, name);
      const cst = fs.lstatSync(child);
      if (cst.isDirectory()) {
        if (!SKIP_DIRS.has(name) && !(name.startsWith('.') && name !== '.')) collect(child, out, false);
      } else if (cst.isFile()) {
        const linter = fileLinters.find((l) => l.matches(child));
        if (linter) out.push({ file: child, linter });
      }
    }
    return;
  }
  if (kind !== 'file') throw new OneLineError(`'${p}' is not a regular file or folder`);
  const linter = fileLinters.find((l) => l.matches(p));
  if (!linter) throw new UsageError(`don't know how to lint '${p}' (expected a .xcdatamodel/contents file, a .cdmodel.ts or .swift file, a .ckdb file or a folder)`);
  out.push({ file: p, linter });
}

function decodeUtf8(bytes: Uint8Array): { text?: string; problem?: { message: string; severity: 'error' | 'warning' } } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { problem: { message: 'This file is not valid UTF-8.', severity: 'error' } };
  }
}

export async function lintFile(file: string, linter: FileLinter, options: FileLintOptions): Promise<Finding[]> {
  const size = fs.statSync(file).size;
  const limit = Math.floor(options.maxFileSizeMB * 1024 * 1024);
  const at0 = { span: { start: 0, end: 0 }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  if (size > limit) {
    // Never read a huge file into memory just to refuse it: one diagnostic, as the editor gives.
    return [{ ruleId: 'syntax', severity: 'warning', ...at0, message: `File too large to lint (${(size / 1048576).toFixed(1)} MB; the limit is ${options.maxFileSizeMB.toFixed(1)} MB, --max-file-size-mb).` }];
  }
  // Through the one input reader: regular files only, never past the cap (src/cli/input-file.ts).
  const bytes = readInputBytes(file, { maxBytes: limit });
  const decoded = linter.decode ? linter.decode(bytes, options) : decodeUtf8(bytes);
  if (decoded.text === undefined) {
    return [{ ruleId: 'syntax', severity: decoded.problem?.severity ?? 'error', ...at0, message: decoded.problem?.message ?? 'unreadable file' }];
  }
  return linter.lint(file, decoded.text, options);
}

export const lintCommand: CliCommand = {
  name: 'lint',
  summary: 'lint Core Data models for CloudKit (text, JSON or SARIF)',
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    let parsed: Parsed;
    const files: { file: string; linter: FileLinter }[] = [];
    try {
      parsed = parseArgs(args);
      for (const p of parsed.paths) {
        if (!fs.existsSync(p)) throw new UsageError(`no such file or folder: '${p}'`);
        collect(p, files);
      }
    } catch (e) {
      if (e instanceof UsageError) {
        io.stderr(`ckdev lint: ${e.message}\n\n${USAGE}`);
        return 2;
      }
      if (e instanceof OneLineError || e instanceof InputError) {
        io.stderr(`ckdev lint: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
    const results: FileFindings[] = [];
    const options: FileLintOptions = { ...parsed.options, cache: new Map() };
    const seen = new Set<string>();
    // Folders holding an Xcode project, project.yml or Project.swift also get the project checks (PC01-PC12).
    const projectResults: FileFindings[] = [];
    let projects = 0;
    for (const p of parsed.paths) {
      if (!fs.statSync(p).isDirectory()) continue;
      const run = await projectFileFindings(p, parsed.options.severities);
      projects += run.projects;
      projectResults.push(...run.results);
    }
    // Nothing to lint is a usage error, as in ESLint ("No files matching the pattern were found").
    if (files.length === 0 && projects === 0 && projectResults.length === 0) {
      io.stderr(`ckdev lint: nothing to lint in ${parsed.paths.map((p) => `'${p}'`).join(', ')} (no model, .ckdb, Swift @Model or project file found)\n`);
      return 2;
    }
    try {
      for (const { file, linter } of files) {
        const abs = path.resolve(file);
        if (seen.has(abs)) continue;
        seen.add(abs);
        results.push({ file: displayPath(file), findings: await lintFile(file, linter, options) });
      }
    } catch (e) {
      if (e instanceof InputError) { io.stderr(`ckdev lint: ${e.message}\n`); return 2; }
      throw e;
    }
    results.push(...projectResults);
    const tool = { name: 'ckdev', version, informationUri: 'https://github.com/cloudkit-devtools/vscode-cloudkit-devtools', rules: [...fileLinters.flatMap((l) => l.rules), ...PROJECT_RULES] };
    io.stdout(formatFindings(parsed.format, results, tool));
    if (parsed.format === 'text' && results.length > 0) io.stderr(summaryLine(results));
    return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
  },
};

function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}


