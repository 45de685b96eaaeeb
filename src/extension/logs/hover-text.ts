import * as vscode from 'vscode';
import { loadLogReader } from '../../logs-host/load';
import { SHOW_MODEL_FINDINGS_COMMAND } from './model-findings';
import type { ExplainedError } from '../../core/logs/reader';
import type { DecodedError } from '../../core/logs/types';

const CLASS_LABEL = { 'needs-action': 'needs action', transient: 'transient, will retry', benign: 'benign' } as const;

/** The hover of an error: verdict, meaning, what to do, sources, then the decoded tree. */
export function hoverMarkdown(e: ExplainedError): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escape(e.kind.title)}** — ${CLASS_LABEL[e.classification]}\n\n`);
  md.appendMarkdown(`${escape(e.kind.meaning)}\n\n**What to do:** ${escape(e.kind.action)}\n\n`);
  if (e.affectedItems > 1) md.appendMarkdown(`${e.affectedItems} items failed with it.\n\n`);
  if (e.modelItems?.length) md.appendMarkdown(`Model elements: ${e.modelItems.map((i) => `\`${i}\``).join(', ')}\n\n`);
  if (e.kind.id === 'model-validation') {
    // A command link (trusted for this command only): lint the workspace's models and reveal the findings.
    const args = encodeURIComponent(JSON.stringify([e.modelItems ?? []]));
    md.isTrusted = { enabledCommands: [SHOW_MODEL_FINDINGS_COMMAND] };
    md.appendMarkdown(`[Show model findings](command:${SHOW_MODEL_FINDINGS_COMMAND}?${args} "Lint the workspace's models and show the findings")\n\n`);
  }
  const sources = e.sources.map((s) => (s.url ? `[${s.doc} ${escape(s.section)}](${s.url})` : `${s.doc} ${escape(s.section)}`));
  md.appendMarkdown(`Source: ${sources.join(' · ')}\n\n`);
  md.appendCodeblock(treeLines(e.root, 0).join('\n'), 'text');
  return md;
}

export function treeLines(e: DecodedError, depth: number): string[] {
  const { CKERROR_NAMES, children, codeLabel } = loadLogReader();
  const pad = '  '.repeat(depth);
  const name = e.name ?? (e.domain === 'CKErrorDomain' && e.code !== undefined ? CKERROR_NAMES[e.code] : undefined);
  const head = `${pad}${e.domain === 'CKErrorDomain' ? 'CKError' : e.domain} ${codeLabel(e)}${name ? ` "${name}"` : ''}${e.codeInferred ? ' (code inferred)' : ''}`;
  const lines = [head];
  const add = (k: string, v: string | number | undefined) => { if (v !== undefined && v !== '') lines.push(`${pad}  ${k}: ${v}`); };
  if (e.record) add('item', e.record.recordName ? `${e.record.recordName}${e.record.zone ? ` in ${e.record.zone}` : ''}` : e.record.raw);
  add('server message', e.serverMessage);
  add('description', e.description && e.description.length > 160 ? e.description.slice(0, 159) + '…' : e.description);
  add('container', e.container);
  add('retry after', e.retryAfterSeconds !== undefined ? `${e.retryAfterSeconds} s` : undefined);
  for (const [k, v] of Object.entries(e.userInfo ?? {})) if (k !== 'NSLocalizedFailureReason') add(k, v.length > 120 ? v.slice(0, 119) + '…' : v);
  if (e.truncated) lines.push(`${pad}  (cut off in the log)`);
  for (const c of children(e).slice(0, 20)) lines.push(...treeLines(c, depth + 1));
  if (children(e).length > 20) lines.push(`${pad}  … ${children(e).length - 20} more`);
  if (e.omittedBatchErrors) lines.push(`${pad}  … ${e.omittedBatchErrors} "Batch Request Failed" omitted`);
  return lines;
}

function escape(s: string): string {
  return s.replace(/[\\`*_{}[\]<>]/g, '\\$&');
}
