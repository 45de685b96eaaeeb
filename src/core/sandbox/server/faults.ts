import type { CKErrorInfo, RecordRef, ServerErrorRule } from '../api';
import { ckError } from '../errors';
import type { ServerHooks } from './server-context';
import type { RequestContext, ServerRequest } from './wire';

/**
 * Injected faults: server error rules (§5 knobs "server fault rules") added and removed by inputs. A rule
 * matches whole requests or, with `perRecord`, single records of a modifyRecords.
 */

/** A rule as the server keeps it: how often it fired, how many matches it let pass (`afterMatches`). */
export interface RuleState { rule: ServerErrorRule; fired: number; passed?: number }

/** Finds the first active rule matching the request (and, for per-record rules, the record). */
export function matchRule(rules: readonly RuleState[], req: ServerRequest, ctx: RequestContext, record: RecordRef | null, now: number, emit: ServerHooks['emit']): CKErrorInfo | null {
  for (const st of rules) {
    const r = st.rule;
    if ((r.perRecord ?? false) !== (record !== null)) continue;
    if (r.times !== undefined && st.fired >= r.times) continue;
    if (r.fromMs !== undefined && now < r.fromMs) continue;
    if (r.untilMs !== undefined && now >= r.untilMs) continue;
    const m = r.match;
    if (m.op !== undefined && !(typeof m.op === 'string' ? m.op === req.op : m.op.includes(req.op))) continue;
    if (m.device !== undefined && m.device !== ctx.device) continue;
    if (m.user !== undefined && m.user !== ctx.user) continue;
    if (m.database !== undefined && m.database !== req.database) continue;
    const zone = 'zone' in req ? req.zone : null;
    if (m.zone !== undefined && m.zone !== zone) continue;
    if (record) {
      if (m.recordName !== undefined && m.recordName !== record.recordName) continue;
      if (m.recordType !== undefined && m.recordType !== record.recordType) continue;
    } else if (m.recordName !== undefined || m.recordType !== undefined) {
      continue;
    }
    if (r.afterMatches !== undefined && (st.passed ?? 0) < r.afterMatches) {
      st.passed = (st.passed ?? 0) + 1;
      continue;
    }
    st.fired++;
    const seq = r.retryAfterSequence;
    const retryAfter = seq && seq.length > 0 ? seq[Math.min(st.fired - 1, seq.length - 1)] : r.error.retryAfterSeconds;
    emit({ kind: 'server.errorRuleFired', ruleId: r.id, op: req.op }, ctx.device);
    return ckError(r.error.code, {
      ...(r.error.internalCode !== undefined ? { internalCode: r.error.internalCode } : {}),
      ...(r.error.message !== undefined ? { message: r.error.message } : {}),
      ...(r.error.serverMessage !== undefined ? { serverMessage: r.error.serverMessage } : {}),
      ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
    });
  }
  return null;
}
