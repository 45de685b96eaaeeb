import type { PushAnswer } from './api';

/**
 * The push budget (OBSERVED, not documented: the Shopping UK series part 6 quoting TN2265, reference/sharing.md
 * §9). iOS times each silent-push handler and groups by its result: `.newData` justifies future pushes,
 * `.noData` for work that did fetch data makes iOS send fewer (misreporting halved deliveries), a handler that
 * never completes suppresses pushes "for a few minutes", `.failed` is for unfinished work. Opt-in per device
 * (input `setPushResponse`), so sessions without it are unchanged.
 *
 * Modelling choice (numbers are ours, only the shape is observed): each push adds the weight of the app's
 * answer to a credit; a push is delivered when the credit reaches 1 (and costs 1), otherwise it is coalesced
 * into the one pending push; a missing completion (or a handler over the time limit) drops pushes for the
 * suppression window, after which they resume with a fresh credit; a slow but completed handler delays the
 * next push by its own duration. The budget "is reset once a day" (TN2265 via SUK6) is not modelled.
 */
export const PUSH_ANSWER_WEIGHT: Readonly<Record<PushAnswer, number>> = { newData: 1, failed: 0.75, noData: 0.5, none: 0 };
/** "for a few minutes" [obs SUK6]: 5 minutes (design). */
export const PUSH_SUPPRESSION_MS = 5 * 60_000;
/** iOS gives a background push handler about 30 seconds [doc "Pushing background updates to your app"]. */
export const PUSH_HANDLER_LIMIT_MS = 30_000;
/** A handler slower than this delays the next push by its duration (design). */
export const PUSH_SLOW_HANDLER_MS = 10_000;

export interface PushBudgetState {
  answer: PushAnswer;
  handlerMs: number;
  credit: number;
  suppressedUntilT: number | null;
}

export type PushBudgetDecision = { readonly decision: 'delivered' | 'coalesced' | 'dropped' } | { readonly decision: 'delayed'; readonly delayMs: number };

export function newBudget(answer: PushAnswer, handlerMs: number): PushBudgetState {
  return { answer, handlerMs, credit: 1, suppressedUntilT: null };
}

/** The effective answer: a handler past the time limit is killed, as if it never completed. */
function effectiveAnswer(b: PushBudgetState): PushAnswer {
  return b.handlerMs > PUSH_HANDLER_LIMIT_MS ? 'none' : b.answer;
}

/** Decides one push at time `now` and updates the budget. */
export function decidePush(b: PushBudgetState, now: number): PushBudgetDecision {
  if (b.suppressedUntilT !== null && now < b.suppressedUntilT) return { decision: 'dropped' };
  if (b.suppressedUntilT !== null) {
    // The suppression window is over: pushes resume with a fresh credit (design).
    b.suppressedUntilT = null;
    b.credit = 1;
  }
  if (b.credit < 1) b.credit = Math.min(1, b.credit + PUSH_ANSWER_WEIGHT[effectiveAnswer(b)]);
  if (b.credit < 1) return { decision: 'coalesced' };
  b.credit -= 1;
  const answer = effectiveAnswer(b);
  if (answer === 'none') {
    b.suppressedUntilT = now + PUSH_SUPPRESSION_MS;
    return { decision: 'delivered' };
  }
  if (b.handlerMs > PUSH_SLOW_HANDLER_MS) return { decision: 'delayed', delayMs: b.handlerMs };
  return { decision: 'delivered' };
}
