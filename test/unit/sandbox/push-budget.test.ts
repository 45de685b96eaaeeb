import assert from 'node:assert/strict';
import type { PushAnswer } from '../../../src/core/sandbox/api';
import {
  PUSH_ANSWER_WEIGHT, PUSH_HANDLER_LIMIT_MS, PUSH_SLOW_HANDLER_MS, PUSH_SUPPRESSION_MS, decidePush, newBudget,
} from '../../../src/core/sandbox/push-budget';
import type { PushBudgetState } from '../../../src/core/sandbox/push-budget';

/**
 * The opt-in push budget (push-budget.ts, a modelled OBSERVED behaviour): which push is delivered, coalesced,
 * dropped or delayed for each answer and handler time, and how the credit and the suppression window move.
 * The sequences below are worked out by hand from the documented model.
 */
function run(b: PushBudgetState, times: readonly number[]): string[] {
  return times.map((t) => {
    const d = decidePush(b, t);
    return d.decision === 'delayed' ? `delayed ${d.delayMs}` : d.decision;
  });
}

describe('sandbox: push budget', () => {
  it('pins the weights and time limits', () => {
    assert.deepEqual(PUSH_ANSWER_WEIGHT, { newData: 1, failed: 0.75, noData: 0.5, none: 0 });
    assert.equal(PUSH_SUPPRESSION_MS, 300_000);
    assert.equal(PUSH_HANDLER_LIMIT_MS, 30_000);
    assert.equal(PUSH_SLOW_HANDLER_MS, 10_000);
  });

  it('a new budget starts with a full credit and no suppression', () => {
    assert.deepEqual(newBudget('noData', 250), { answer: 'noData', handlerMs: 250, credit: 1, suppressedUntilT: null });
  });

  it('newData delivers every push', () => {
    const b = newBudget('newData', 1_000);
    assert.deepEqual(run(b, [0, 1, 2, 3]), ['delivered', 'delivered', 'delivered', 'delivered']);
    assert.equal(b.credit, 0);
  });

  it('noData delivers every other push (the credit refills by a half)', () => {
    const b = newBudget('noData', 1_000);
    assert.deepEqual(run(b, [0]), ['delivered']);
    assert.equal(b.credit, 0);
    assert.deepEqual(run(b, [1]), ['coalesced']);
    assert.equal(b.credit, 0.5);
    assert.deepEqual(run(b, [2, 3, 4]), ['delivered', 'coalesced', 'delivered']);
  });

  it('failed refills by three quarters, capped at a full credit', () => {
    const b = newBudget('failed', 1_000);
    assert.deepEqual(run(b, [0, 1]), ['delivered', 'coalesced']);
    assert.equal(b.credit, 0.75);
    // 0.75 + 0.75 is capped at 1, so the push after the next is coalesced again.
    assert.deepEqual(run(b, [2, 3, 4, 5]), ['delivered', 'coalesced', 'delivered', 'coalesced']);
  });

  it('a handler that never completes is delivered once, then pushes are dropped for the suppression window', () => {
    const b = newBudget('none', 1_000);
    assert.deepEqual(run(b, [1_000]), ['delivered']);
    assert.equal(b.suppressedUntilT, 301_000);
    assert.deepEqual(run(b, [1_001, 300_999]), ['dropped', 'dropped']);
    // At the end of the window pushes resume with a fresh credit (and the next window starts).
    assert.deepEqual(run(b, [301_000]), ['delivered']);
    assert.equal(b.suppressedUntilT, 601_000);
    assert.equal(b.credit, 0);
  });

  it('after the window, a good answer resumes normal delivery with a fresh credit', () => {
    const b: PushBudgetState = { answer: 'noData', handlerMs: 1_000, credit: 0, suppressedUntilT: 500 };
    assert.deepEqual(run(b, [499]), ['dropped']);
    assert.equal(b.credit, 0);
    assert.deepEqual(run(b, [500]), ['delivered']);
    assert.deepEqual([b.credit, b.suppressedUntilT], [0, null]);
  });

  it('a handler over the 30 s limit counts as no answer', () => {
    const b = newBudget('newData', 30_001);
    assert.deepEqual(run(b, [0, 1]), ['delivered', 'dropped']);
    assert.equal(b.suppressedUntilT, 300_000);
    // The killed handler adds nothing to the credit once the window is over.
    const c: PushBudgetState = { answer: 'newData', handlerMs: 30_001, credit: 0.5, suppressedUntilT: null };
    assert.deepEqual(run(c, [0]), ['coalesced']);
    assert.equal(c.credit, 0.5);
  });

  it('a slow handler (over 10 s, within 30 s) delays the push by its duration', () => {
    assert.deepEqual(run(newBudget('newData', 10_000), [0]), ['delivered']);
    assert.deepEqual(run(newBudget('newData', 10_001), [0]), ['delayed 10001']);
    assert.deepEqual(run(newBudget('noData', 30_000), [0, 1, 2]), ['delayed 30000', 'coalesced', 'delayed 30000']);
  });

  it('every answer delivers the first push', () => {
    for (const a of ['newData', 'noData', 'failed', 'none'] as PushAnswer[]) assert.deepEqual(run(newBudget(a, 0), [0]), ['delivered'], a);
  });
});
