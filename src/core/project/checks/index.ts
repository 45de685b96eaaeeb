import type { Severity } from '../../findings';
import { compareFindings } from '../../findings';
import type { ProjectAnalysis } from '../workspace';
import { CheckContext, type ProjectCheck, type ProjectFinding } from './check';
import { PC01 } from './PC01-cloudkit-service-missing';
import { PC02 } from './PC02-no-container-identifier';
import { PC03 } from './PC03-container-not-entitled';
import { PC04 } from './PC04-automatic-container-choice';
import { PC05 } from './PC05-remote-notification-missing';
import { PC06 } from './PC06-aps-environment';
import { PC07 } from './PC07-production-in-debug';
import { PC08 } from './PC08-group-store-synced-twice';
import { PC09 } from './PC09-orphan-plist';
import { PC10 } from './PC10-sharing-without-shared-store';
import { PC11 } from './PC11-targets-on-different-containers';
import { PC12 } from './PC12-xcodegen-drops-keys';

export type { ProjectCheck, ProjectFinding } from './check';

export const PROJECT_CHECKS: readonly ProjectCheck[] = [PC01, PC02, PC03, PC04, PC05, PC06, PC07, PC08, PC09, PC10, PC11, PC12];

/** Reader problems (missing files, unreadable project files, binary plists) as findings with ruleId `project`. */
export function problemFindings(ctx: CheckContext): ProjectFinding[] {
  const self: ProjectCheck = { id: 'project', title: 'Project file problem', defaultSeverity: 'warning', docUrl: '', check: () => [] };
  return ctx.analysis.problems.map((p) => ({ ...ctx.finding(self, { at: { file: p.file, span: p.span }, message: p.message, severity: p.severity }), docUrl: undefined }));
}

/** Every check over one analysis, with per-check severity overrides (`off` drops the check). */
export function checkProject(analysis: ProjectAnalysis, severities: Readonly<Record<string, Severity | 'off'>> = {}): ProjectFinding[] {
  const ctx = new CheckContext(analysis);
  const out: ProjectFinding[] = [...problemFindings(ctx)];
  for (const check of PROJECT_CHECKS) {
    const s = severities[check.id];
    if (s === 'off') continue;
    let found: ProjectFinding[];
    try {
      found = check.check(ctx);
    } catch (e) {
      // A check bug must not hide the others' findings.
      found = [{ ...ctx.finding(check, { at: { file: analysis.input.projects[0]?.file ?? '', span: { start: 0, end: 0 } }, message: `${check.id} failed: ${e instanceof Error ? e.message : String(e)}`, severity: 'warning' }) }];
    }
    out.push(...(s ? found.map((f) => ({ ...f, severity: s })) : found));
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || compareFindings(a, b));
}
