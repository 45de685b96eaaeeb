import type { Finding, Severity } from '../core/findings';

/**
 * Output formats shared by every `ckdev` command that reports findings (lint, deploy `check`):
 * text for people, JSON for scripts, SARIF 2.1.0 for code scanning (GitHub, Azure DevOps).
 */
export interface FileFindings {
  /** The path as the user should see it (relative to the working directory when possible). */
  readonly file: string;
  readonly findings: readonly Finding[];
}

export interface RuleInfo {
  readonly id: string;
  readonly title: string;
  readonly docUrl?: string;
}

export type OutputFormat = 'text' | 'json' | 'sarif';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];

/** `file:line:col severity CKnnn message`, 1-based line and column; one line per finding. */
export function formatText(results: readonly FileFindings[]): string {
  const lines: string[] = [];
  for (const r of results) {
    for (const f of r.findings) {
      lines.push(`${r.file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.ruleId} ${oneLine(f.message)}`);
    }
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}

/** A one-line summary for stderr after the text format: `2 errors, 1 warning in 3 files`. */
export function summaryLine(results: readonly FileFindings[]): string {
  const count: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const r of results) for (const f of r.findings) count[f.severity]++;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  return `${plural(count.error, 'error')}, ${plural(count.warning, 'warning')}, ${plural(count.info + count.hint, 'info')} in ${plural(results.length, 'file')}\n`;
}

/** `[{ file, rule, severity, message, range }]` with 0-based LSP ranges. */
export function formatJson(results: readonly FileFindings[]): string {
  const out = results.flatMap((r) => r.findings.map((f) => ({
    file: r.file,
    rule: f.ruleId,
    severity: f.severity,
    message: f.message,
    range: { start: { line: f.range.start.line, character: f.range.start.character }, end: { line: f.range.end.line, character: f.range.end.character } },
  })));
  return JSON.stringify(out, null, 2) + '\n';
}

const sarifLevel = (s: Severity): 'error' | 'warning' | 'note' => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note');

/** Paths become relative URIs with forward slashes (SARIF artifactLocation.uri, §3.4.3). */
function toUri(file: string): string {
  return file.split('\\').join('/').split('/').map(encodeURIComponent).join('/');
}

/** SARIF 2.1.0, one run; columns are 1-based UTF-16 code units (`columnKind`). */
export function formatSarif(results: readonly FileFindings[], tool: { name: string; version: string; informationUri: string; rules: readonly RuleInfo[] }): string {
  const ruleIds = new Set(results.flatMap((r) => r.findings.map((f) => f.ruleId)));
  // One entry per rule id: file kinds share rules (Xcode and TypeScript models run the same CKnnn rules).
  const rules = [...new Map(tool.rules.filter((r) => ruleIds.has(r.id)).map((r) => [r.id, r])).values()];
  for (const id of ruleIds) if (!rules.some((r) => r.id === id)) rules.push({ id, title: id });
  const region = (range: Finding['range']) => ({
    startLine: range.start.line + 1, startColumn: range.start.character + 1,
    endLine: range.end.line + 1, endColumn: range.end.character + 1,
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: tool.name,
          version: tool.version,
          informationUri: tool.informationUri,
          rules: rules.map((r) => ({ id: r.id, name: r.title, shortDescription: { text: r.title }, ...(r.docUrl ? { helpUri: r.docUrl } : {}) })),
        },
      },
      columnKind: 'utf16CodeUnits',
      results: results.flatMap((r) => r.findings.map((f) => ({
        ruleId: f.ruleId,
        ruleIndex: rules.findIndex((x) => x.id === f.ruleId),
        level: sarifLevel(f.severity),
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation: { uri: toUri(r.file) }, region: region(f.range) } }],
        ...(f.related && f.related.length > 0 ? {
          relatedLocations: f.related.map((rel, i) => ({
            id: i,
            message: { text: rel.message },
            physicalLocation: { artifactLocation: { uri: toUri(rel.file ?? r.file) }, region: region(rel.range) },
          })),
        } : {}),
      }))),
    }],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

export function formatFindings(format: OutputFormat, results: readonly FileFindings[], tool: Parameters<typeof formatSarif>[1]): string {
  return format === 'json' ? formatJson(results) : format === 'sarif' ? formatSarif(results, tool) : formatText(results);
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ');
}
