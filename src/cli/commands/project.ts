import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_CHECKS } from '../../core/project/checks';
import type { Severity } from '../../core/findings';
import { loadProjectChecks } from '../../project-host/load';
import type { CliCommand, CliIo } from '../command';
import { formatFindings, OUTPUT_FORMATS, summaryLine, type FileFindings, type OutputFormat } from '../format';
import { version } from '../version';

const USAGE = `Usage: ckdev project [path] [options]

Checks the project configuration CloudKit sync depends on (PC01-PC12): Xcode projects, XcodeGen and Tuist
manifests, entitlements, Info.plists and the Swift code that sets up containers, per target and build
configuration. path is a folder (default: the current one).

Options:
  --format text|json|sarif   output format (default text)
  --summary                  print the per-target summary instead of the findings (text or json)
  --rule PCnn=<severity|off> override a check's severity (repeatable)

Exit status: 1 when any error is found, 0 otherwise, 2 on bad usage.
`;

/**
 * Project findings as FileFindings (paths shown relative to the working directory) and how many projects
 * the folder holds; shared with `ckdev lint`.
 */
export async function projectFileFindings(folder: string, severities: Readonly<Record<string, Severity | 'off'>>): Promise<{ results: FileFindings[]; projects: number }> {
  const run = await loadProjectChecks().runProjectChecksOnFolder(folder, severities);
  const byFile = new Map<string, FileFindings['findings'][number][]>();
  for (const f of run.findings) {
    const shown = displayPath(path.join(folder, f.file));
    const related = f.related?.map((r) => ({ ...r, file: r.file === undefined ? undefined : displayPath(path.join(folder, r.file)) }));
    const list = byFile.get(shown) ?? [];
    list.push({ ...f, related });
    byFile.set(shown, list);
  }
  return { results: [...byFile].map(([file, findings]) => ({ file, findings })), projects: run.summary.projects.length };
}

export const PROJECT_RULES = PROJECT_CHECKS.map((c) => ({ id: c.id, title: c.title, docUrl: c.docUrl }));

export const projectCommand: CliCommand = {
  name: 'project',
  summary: 'check entitlements, Info.plist, targets and container setup (PC01-PC12)',
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    let format: OutputFormat = 'text';
    let summary = false;
    let folder: string | undefined;
    const severities: Record<string, Severity | 'off'> = {};
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
      const value = () => inline ?? args[++i];
      if (flag === '--format') {
        const v = value();
        if (!(OUTPUT_FORMATS as readonly string[]).includes(v ?? '')) { io.stderr(`ckdev project: unknown format '${v ?? ''}'\n\n${USAGE}`); return 2; }
        format = v as OutputFormat;
      } else if (flag === '--summary') summary = true;
      else if (flag === '--rule') {
        const m = /^(PC\d\d|project)=(error|warning|info|hint|off)$/.exec(value() ?? '');
        if (!m) { io.stderr(`ckdev project: --rule takes PCnn=error|warning|info|hint|off\n`); return 2; }
        if (m[1] !== 'project' && !PROJECT_RULES.some((r) => r.id === m[1])) { io.stderr(`ckdev project: unknown rule '${m[1]}' in --rule (known: PC01-PC12)\n`); return 2; }
        severities[m[1]] = m[2] as Severity | 'off';
      } else if (a.startsWith('-')) { io.stderr(`ckdev project: unknown option '${a}'\n\n${USAGE}`); return 2; }
      else if (folder === undefined) folder = a;
      else { io.stderr('ckdev project: only one folder\n'); return 2; }
    }
    folder ??= '.';
    if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) { io.stderr(`ckdev project: not a folder: '${folder}'\n`); return 2; }
    if (summary) {
      const { runProjectChecksOnFolder, formatSummaryText } = loadProjectChecks();
      const run = await runProjectChecksOnFolder(folder, severities);
      if (run.summary.projects.length === 0) io.stderr('ckdev project: no Xcode project, project.yml or Project.swift found\n');
      io.stdout(format === 'json' ? JSON.stringify(run.summary, null, 2) + '\n' : formatSummaryText(run.summary));
      return 0;
    }
    const { results } = await projectFileFindings(folder, severities);
    const tool = { name: 'ckdev', version, informationUri: 'https://github.com/cloudkit-devtools/vscode-cloudkit-devtools', rules: PROJECT_RULES };
    io.stdout(formatFindings(format, results, tool));
    if (format === 'text') io.stderr(summaryLine(results));
    return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
  },
};

function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}
