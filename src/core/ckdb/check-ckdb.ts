import { compareFindings, type Finding } from '../findings';
import { CKDB_CHECKS } from './checks';
import type { CkdbCheckContext } from './checks/check';
import { parseCkdb, type CkdbParseResult } from './parser';
import { errorMessage } from '../error-message';

/**
 * Every diagnostic for a `.ckdb` text: syntax findings (ruleId `syntax`) plus the CKS checks. Used by
 * the editor diagnostics and `ckdev lint`. Never throws: a failing check is reported, not propagated.
 */
export function checkCkdb(text: string): Finding[] {
  return checkParsedCkdb(text, parseCkdb(text));
}

export function checkParsedCkdb(text: string, parsed: CkdbParseResult): Finding[] {
  const ctx: CkdbCheckContext = { text, schema: parsed.schema, lines: parsed.lines };
  const out: Finding[] = [...parsed.findings];
  for (const check of CKDB_CHECKS) {
    try {
      // A loop, not `push(...)`: a spread of 150,000 findings overflows the call stack (issue 17).
      for (const f of check.check(ctx)) out.push(f);
    } catch (e) {
      out.push({
        ruleId: check.id, severity: 'error', span: { start: 0, end: 0 }, range: parsed.lines.rangeOf({ start: 0, end: 0 }),
        message: `Internal error in check ${check.id}: ${errorMessage(e)}`,
      });
    }
  }
  return out.sort(compareFindings);
}
