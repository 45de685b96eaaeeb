import * as vscode from 'vscode';
import type { Severity } from '../../core/findings';
import type { NonCurrentSeverity } from '../../core/model/bundle';
import { LINT_MODES, type LintMode } from '../../core/model/scope';
import { DEFAULT_MAX_FILE_SIZE_MB } from '../../core/model/xml/decode';

/** The `cloudkit.lint.*` settings, validated (a bad value falls back to the default, never throws). */
export interface LintSettings {
  readonly mode: LintMode;
  readonly rules: Readonly<Record<string, Severity | 'off'>>;
  readonly nonCurrentVersionSeverity: NonCurrentSeverity;
  readonly maxFileSizeMB: number;
}

const LEVELS = ['error', 'warning', 'info', 'hint', 'off'];

export function readLintSettings(scope?: vscode.Uri): LintSettings {
  const c = vscode.workspace.getConfiguration('cloudkit.lint', scope);
  const mode = c.get<string>('mode', 'auto');
  const rawRules = c.get<Record<string, unknown>>('rules', {}) ?? {};
  const rules: Record<string, Severity | 'off'> = {};
  for (const [id, v] of Object.entries(rawRules)) if (typeof v === 'string' && LEVELS.includes(v)) rules[id] = v as Severity | 'off';
  const nc = c.get<string>('nonCurrentVersionSeverity', 'info');
  const max = c.get<number>('maxFileSizeMB', DEFAULT_MAX_FILE_SIZE_MB);
  return {
    mode: (LINT_MODES as readonly string[]).includes(mode) ? (mode as LintMode) : 'auto',
    rules,
    nonCurrentVersionSeverity: LEVELS.includes(nc) ? (nc as NonCurrentSeverity) : 'info',
    maxFileSizeMB: typeof max === 'number' && max > 0 ? max : DEFAULT_MAX_FILE_SIZE_MB,
  };
}
