import type { Finding, Severity } from '../findings';
import { compareFindings } from '../findings';
import type { ModelEditor } from '../model/editor';
import type { ModelIR } from '../model/ir';
import { cloudKitScope, validatedEntities, type LintMode } from '../model/scope';
import type { SyncScope } from '../model/sync-plan';
import { entityIndex } from '../cloudkit/mapping';
import { LineIndex } from '../text/span';
import { makeContext, type Rule } from './rule';
import { CK001 } from './CK001-unique-constraints';
import { CK002 } from './CK002-attribute-optional-or-default';
import { CK003 } from './CK003-relationship-optional';
import { CK004 } from './CK004-relationship-inverse';
import { CK005 } from './CK005-ordered-relationship';
import { CK006 } from './CK006-deny-delete-rule';
import { CK007 } from './CK007-no-action-delete-rule';
import { CK008 } from './CK008-unsupported-attribute-type';
import { CK009 } from './CK009-relationship-outside-configuration';
import { CK010 } from './CK010-transformable-transformer';
import { CK011 } from './CK011-record-type-field-count';
import { CK012 } from './CK012-ignored-property-key';
import { CK013 } from './CK013-encryption-key';
import { CK014 } from './CK014-empty-configuration';
import { CK015 } from './CK015-field-name-collision';
import { CK017 } from './CK017-no-cloudkit-flag';
import { CK018 } from './CK018-record-size';
import { CK019 } from './CK019-cloudkit-name';

export type { Rule, RuleContext } from './rule';

/** Every model rule. CK016 (cross-version evolution) lives with the deploy check, not here. */
export const allRules: readonly Rule[] = [CK001, CK002, CK003, CK004, CK005, CK006, CK007, CK008, CK009, CK010, CK011, CK012, CK013, CK014, CK015, CK017, CK018, CK019];

export function ruleById(id: string): Rule | undefined {
  return allRules.find((r) => r.id === id);
}

export interface LintOptions {
  readonly mode?: LintMode;
  /** Per-rule severity overrides (`cloudkit.lint.rules`), `off` disables a rule. */
  readonly severities?: Readonly<Record<string, Severity | 'off'>>;
  /** What the app's code (or `cloudkit.configuration` / `--configuration`) says syncs (scope.ts). */
  readonly sync?: SyncScope;
}

export const SYNTAX_RULE_ID = 'syntax';

/**
 * Lints a model: read problems first (as `syntax` findings), then every enabled rule. A model that
 * could not be read (an error problem) gets its read problems only: rules on half a model would
 * report things that are not there. The entry point shared by the extension, the CLI, the sandbox and
 * the TypeScript-model reader.
 */
export function lintModel(model: ModelIR, editor: ModelEditor | undefined, options: LintOptions = {}): Finding[] {
  const lines = new LineIndex(model.sourceText ?? '');
  const out: Finding[] = model.problems.map((p) => ({
    ruleId: SYNTAX_RULE_ID, severity: p.severity, message: p.message, span: p.span, range: lines.rangeOf(p.span),
  }));
  if (model.problems.some((p) => p.severity === 'error')) return out;
  const mode = options.mode ?? 'auto';
  const scope = cloudKitScope(model, mode, options.sync);
  const index = entityIndex(model);
  const ctx = makeContext(model, editor, mode, scope, validatedEntities(model, scope, index), index, lines);
  for (const rule of allRules) {
    const override = options.severities?.[rule.id];
    if (override === 'off') continue;
    for (const f of rule.check(ctx)) out.push(override ? { ...f, severity: override } : f);
  }
  return out.sort(compareFindings);
}
