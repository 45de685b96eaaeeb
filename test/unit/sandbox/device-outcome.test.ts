/**
 * How an activity ends (src/core/sandbox/device/activities/outcome.ts): which errors are retried (the
 * retryable CKError codes, a partial failure whose cause is one, quota exceeded), with which delay, and what an
 * import or export does before setup succeeded (re-queue silently) or after it failed (TN3164's "never
 * successfully initialized" 134406). Errors and contexts are written by us.
 */
import assert from 'node:assert/strict';
import { failOrRetry, isRetryable, retryDelay, untilSetUp } from '../../../src/core/sandbox/device/activities/outcome';
import { jitterFraction } from '../../../src/core/sandbox/device/activities/retry-delay';
import { ckError, cocoaError, partialFailure } from '../../../src/core/sandbox/errors';
import { fakeCtx } from './device-fixtures';

const item = (code: number): { itemId: string; error: ReturnType<typeof ckError> } => ({ itemId: `i${code}`, error: ckError(code) });

describe('sandbox: device activity outcome', () => {
  describe('isRetryable', () => {
    it('retries exactly the transient CKError codes', () => {
      const retried = [];
      for (let code = 0; code <= 40; code++) if (isRetryable(ckError(code))) retried.push(code);
      assert.deepEqual(retried, [3, 4, 6, 7, 23, 34, 36]);
    });

    it('never retries a Core Data error, even with a retryable code', () => {
      assert.equal(isRetryable(cocoaError(7, 'x', 'm')), false);
    });

    it('retries a partial failure whose first non-batch error is retryable', () => {
      assert.equal(isRetryable(partialFailure([item(22), item(7)])), true);
      assert.equal(isRetryable(partialFailure([item(22), item(11), item(7)])), false);
      assert.equal(isRetryable(partialFailure([item(22)])), false);
      assert.equal(isRetryable(ckError(2)), false);
    });
  });

  describe('failOrRetry', () => {
    it('retries a retryable error after the backoff', () => {
      const ctx = fakeCtx();
      const e = ckError(6);
      const want = 2000 + Math.floor(2000 * 0.2 * jitterFraction('STORE-A', 1000, 2000));
      assert.deepEqual(failOrRetry(ctx, e), { error: e, retryAfterMs: want });
      assert.equal(ctx.backoffMs, 2000);
    });

    it('retries quota exceeded (25), alone or inside a partial failure', () => {
      const ctx = fakeCtx();
      assert.deepEqual(failOrRetry(ctx, ckError(25, { retryAfterSeconds: 60 })), { error: ckError(25, { retryAfterSeconds: 60 }), retryAfterMs: 60_000 });
      const p = partialFailure([item(22), { itemId: 'q', error: ckError(25, { retryAfterSeconds: 90 }) }]);
      assert.deepEqual(failOrRetry(ctx, p), { error: p, retryAfterMs: 90_000 });
    });

    it('fails on any other error without a retry and leaves the backoff alone', () => {
      const ctx = fakeCtx();
      const e = ckError(12);
      assert.deepEqual(failOrRetry(ctx, e), { error: e });
      assert.equal(ctx.backoffMs, 0);
    });

    it('retryDelay advances the device backoff', () => {
      const ctx = fakeCtx();
      ctx.backoffMs = 2000;
      assert.equal(retryDelay(ctx, ckError(7, { retryAfterSeconds: 100 })), 100_000);
      assert.equal(ctx.backoffMs, 4000);
    });
  });

  describe('untilSetUp', () => {
    it('lets the activity go on once setup succeeded', () => {
      const ctx = fakeCtx();
      assert.equal(untilSetUp(ctx, 'import', 'Push'), null);
      assert.deepEqual(ctx.requests, []);
    });

    for (const setup of ['notStarted', 'running'] as const) {
      it(`re-queues the request behind setup and ends silently while setup is ${setup}`, () => {
        const ctx = fakeCtx();
        ctx.setup = setup;
        assert.deepEqual(untilSetUp(ctx, 'export', 'ContextSave'), { error: null, silent: true });
        assert.deepEqual(ctx.requests, [{ type: 'export', label: 'ContextSave', internal: true }]);
      });
    }

    it('aborts with 134406 naming the request and the setup error after a failed setup', () => {
      const ctx = fakeCtx();
      ctx.setup = 'failed';
      const setupError = ckError(2, { internalCode: 1011, message: 'x' });
      ctx.setupError = setupError;
      ctx.running = { requestId: 'REQ-1', type: 'import', label: 'Push', eventId: 'EV', startT: 0 };
      assert.deepEqual(untilSetUp(ctx, 'import', 'Push'), {
        error: {
          domain: 'NSCocoaErrorDomain', name: 'neverInitialized', code: 134406, description: 'A Core Data error occurred.',
          message: `Request 'REQ-1' was aborted because the mirroring delegate never successfully initialized due to error: <CKError 0x0: "Partial Failure" (2/1011)>`,
          underlying: setupError,
        },
      });
      assert.deepEqual(ctx.requests, []);
    });

    it('without a running request or a setup error, says so', () => {
      const ctx = fakeCtx();
      ctx.setup = 'failed';
      assert.deepEqual(untilSetUp(ctx, 'export', 'Manual'), {
        error: {
          domain: 'NSCocoaErrorDomain', name: 'neverInitialized', code: 134406, description: 'A Core Data error occurred.',
          message: `Request '' was aborted because the mirroring delegate never successfully initialized due to error: unknown`,
        },
      });
    });

    it('a setup error without an internal code shows the code alone', () => {
      const ctx = fakeCtx();
      ctx.setup = 'failed';
      ctx.setupError = cocoaError(134060, 'modelValidation', 'bad');
      const out = untilSetUp(ctx, 'export', 'Manual');
      assert.equal(out?.error?.message, `Request '' was aborted because the mirroring delegate never successfully initialized due to error: <CKError 0x0: "A Core Data error occurred." (134060)>`);
    });
  });
});
