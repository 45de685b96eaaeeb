import * as vscode from 'vscode';
import type { Severity } from '../../core/findings';
import type { NonCurrentSeverity } from '../../core/model/bundle';
import { LINT_MODES, type LintMode } from '../../core/model/scope';
import { DEFAULT_MAX_FILE_SIZE_MB } from '../../core/model/xml/decode';

/**
 * Every setting the extension reads, in one place, each read with the scope package.json declares
 * (test/unit/extension/settings-scope.test.ts): `cloudkit.lint.*` is resource-scoped and read per
 * document; `cloudkit.schema.*` is resource-scoped and read for the first workspace folder (the paths
 * are relative to it); `cloudkit.models.typescript` is window-scoped; `cloudkit.configuration` is resource-scoped
 * and read per model file.
 */
export const SETTING = {
  lint: 'cloudkit.lint',
  lintRules: 'cloudkit.lint.rules',
  schema: 'cloudkit.schema',
  schemaDevelopment: 'cloudkit.schema.development',
  schemaProduction: 'cloudkit.schema.production',
  typescriptModels: 'cloudkit.models.typescript',
  configuration: 'cloudkit.configuration',
} as const;

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

/**
 * The `cloudkit.schema.*` settings. They are resource-scoped (a folder can name its own schemas), so they are
 * read for the first workspace folder, whose paths they are relative to; reading them without a resource
 * logs a warning in the extension host (observed in code-server 4.100.3).
 */
export function schemaSettings(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('cloudkit.schema', vscode.workspace.workspaceFolders?.[0]?.uri ?? null);
}

/** The glob of TypeScript model definitions (`cloudkit.models.typescript`). */
export function typescriptModelsPattern(): string {
  return vscode.workspace.getConfiguration('cloudkit').get<string>('models.typescript') || '**/*.cdmodel.ts';
}

/**
 * `cloudkit.configuration`: the configuration that syncs, for when the app's code cannot tell (a Core Data
 * model configuration, `Default` for every entity, or a SwiftData `ModelConfiguration` name); it wins over
 * the code. Empty (the default): the code decides.
 */
export function readSyncConfiguration(scope: vscode.Uri): string | undefined {
  const v = vscode.workspace.getConfiguration('cloudkit', scope).get<string>('configuration', '');
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}
