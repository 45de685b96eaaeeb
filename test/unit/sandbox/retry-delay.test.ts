/**
 * The retry delay of a failed activity (src/core/sandbox/device/activities/retry-delay.ts): exponential backoff
 * from retryBaseMs capped at retryMaxMs, the error's retry-after as a floor waited exactly, and a jitter of up
 * to 20% of the backoff drawn from FNV-1a over `storeIdentifier|now|step`. The expected jitter is computed here
 * with our own FNV-1a (the published 32-bit algorithm), not with the code under test.
 */
import assert from 'node:assert/strict';
import { RETRY_JITTER, jitterFraction, nextRetryDelay } from '../../../src/core/sandbox/device/activities/retry-delay';
import type { BackoffState } from '../../../src/core/sandbox/device/activities/retry-delay';
import { ckError, partialFailure } from '../../../src/core/sandbox/errors';

function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (const ch of s) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function jitter(id: string, now: number, step: number): number {
  return Math.floor(step * 0.2 * (fnv(`${id}|${now}|${step}`) / 2 ** 32));
}

function state(over: Partial<{ backoffMs: number; base: number; max: number; now: number; id: string }> = {}): BackoffState {
  return {
    backoffMs: over.backoffMs ?? 0, storeIdentifier: over.id ?? 'STORE-1',
    opts: { retryBaseMs: over.base ?? 2_000, retryMaxMs: over.max ?? 600_000 }, host: { now: () => over.now ?? 5_000 },
  };
}

const busy = ckError(23);

describe('sandbox: retry delay', () => {
  it('jitters by at most 20% of the backoff', () => {
    assert.equal(RETRY_JITTER, 0.2);
  });

  it('jitterFraction is FNV-1a of id|now|step over 2^32', () => {
    assert.equal(jitterFraction('STORE-1', 5000, 2000), fnv('STORE-1|5000|2000') / 4294967296);
    assert.equal(jitterFraction('X', 0, 1), fnv('X|0|1') / 4294967296);
    assert.notEqual(jitterFraction('X', 0, 1), jitterFraction('X', 0, 2));
  });

  it('the first failure waits the base backoff plus its jitter', () => {
    const s = state();
    const j = jitter('STORE-1', 5000, 2000);
    assert.ok(j > 0, 'the chosen id and time give a non-zero jitter');
    assert.equal(nextRetryDelay(s, busy), 2000 + j);
    assert.equal(s.backoffMs, 2000);
  });

  it('doubles the backoff per consecutive failure up to the maximum', () => {
    const s = state({ max: 7_000 });
    const delays = [1, 2, 3, 4].map(() => { const d = nextRetryDelay(s, busy); return [s.backoffMs, d]; });
    assert.deepEqual(delays, [
      [2000, 2000 + jitter('STORE-1', 5000, 2000)],
      [4000, 4000 + jitter('STORE-1', 5000, 4000)],
      [7000, 7000 + jitter('STORE-1', 5000, 7000)],
      [7000, 7000 + jitter('STORE-1', 5000, 7000)],
    ]);
  });

  it('a base or maximum of 0 still backs off by 1 ms', () => {
    const s = state({ base: 0, max: 0 });
    assert.equal(nextRetryDelay(s, busy), 1);
    assert.equal(s.backoffMs, 1);
    assert.equal(nextRetryDelay(s, busy), 1);
    assert.equal(s.backoffMs, 1);
    const t = state({ base: 0, max: 10 });
    nextRetryDelay(t, busy);
    nextRetryDelay(t, busy);
    assert.equal(t.backoffMs, 2);
  });

  it('a retry-after longer than the backoff is waited exactly, and the backoff still advances', () => {
    const s = state();
    assert.equal(nextRetryDelay(s, ckError(7, { retryAfterSeconds: 30 })), 30_000);
    assert.equal(s.backoffMs, 2000);
  });

  it('a retry-after equal to the backoff is waited exactly, without jitter', () => {
    const s = state();
    assert.equal(nextRetryDelay(s, ckError(7, { retryAfterSeconds: 2 })), 2000);
  });

  it('a retry-after shorter than the backoff gives the backoff plus jitter', () => {
    const s = state();
    assert.equal(nextRetryDelay(s, ckError(7, { retryAfterSeconds: 1.999 })), 2000 + jitter('STORE-1', 5000, 2000));
  });

  it('rounds the retry-after to the nearest millisecond', () => {
    assert.equal(nextRetryDelay(state({ base: 1000 }), ckError(7, { retryAfterSeconds: 1.2346 })), 1235);
    assert.equal(nextRetryDelay(state({ base: 1000 }), ckError(7, { retryAfterSeconds: 1.2344 })), 1234);
  });

  it('ignores a zero, negative, infinite or NaN retry-after', () => {
    const want = 2000 + jitter('STORE-1', 5000, 2000);
    for (const ra of [0, -5, Number.POSITIVE_INFINITY, Number.NaN]) {
      assert.equal(nextRetryDelay(state(), ckError(7, { retryAfterSeconds: ra })), want, String(ra));
    }
  });

  it('reads the retry-after inside a partial failure', () => {
    const e = partialFailure([{ itemId: 'x', error: ckError(22) }, { itemId: 'y', error: ckError(7, { retryAfterSeconds: 12 }) }]);
    assert.equal(nextRetryDelay(state(), e), 12_000);
  });

  it('the jitter depends on the device, the time and the step', () => {
    const a = nextRetryDelay(state({ id: 'STORE-1', now: 5000 }), busy);
    const b = nextRetryDelay(state({ id: 'STORE-2', now: 5000 }), busy);
    const c = nextRetryDelay(state({ id: 'STORE-1', now: 6000 }), busy);
    assert.deepEqual([a, b, c], [2000 + jitter('STORE-1', 5000, 2000), 2000 + jitter('STORE-2', 5000, 2000), 2000 + jitter('STORE-1', 6000, 2000)]);
  });
});
