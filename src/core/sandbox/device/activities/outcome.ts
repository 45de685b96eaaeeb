import type { CKErrorInfo } from '../../api';
import { CD_CODES, RETRYABLE_CODES, cocoaError, hasCode, rootPartialError } from '../../errors';
import type { DeviceContext, Outcome } from '../device-context';
import { nextRetryDelay } from './retry-delay';

/**
 * How an activity ends: retry with retry-after or exponential backoff, or fail (CKSyncEngine honours
 * retry-after, §3); requests after a failed setup are aborted as "never successfully initialized" (TN3164).
 */

/** Retry delay: at least the error's retry-after, exponential backoff, deterministic jitter (retry-delay.ts). */
export function retryDelay(ctx: DeviceContext, e: CKErrorInfo): number {
  return nextRetryDelay(ctx, e);
}

export function isRetryable(e: CKErrorInfo): boolean {
  if (e.domain !== 'CKErrorDomain') return false;
  if (RETRYABLE_CODES.has(e.code)) return true;
  if (e.code === 2) {
    const root = rootPartialError(e);
    return root !== undefined && RETRYABLE_CODES.has(root.code);
  }
  return false;
}

/**
 * Imports and exports need the mirroring delegate set up: after a failed setup they abort ("never
 * successfully initialized"); before it succeeds they re-queue behind it and end silently. Null: go on.
 */
export function untilSetUp(ctx: DeviceContext, type: 'import' | 'export', label: string): Outcome | null {
  if (ctx.setup === 'failed') return neverInitialized(ctx);
  if (ctx.setup === 'succeeded') return null;
  // Requests wait for setup; re-queue behind it.
  ctx.request(type, label, true);
  return { error: null, silent: true };
}

function neverInitialized(ctx: DeviceContext): Outcome {
  // TN3164: "Request ... was aborted because the mirroring delegate never successfully initialized due to error: ...".
  const requestId = ctx.running?.requestId ?? '';
  return {
    error: cocoaError(CD_CODES.neverInitialized, 'neverInitialized',
      `Request '${requestId}' was aborted because the mirroring delegate never successfully initialized due to error: ${ctx.setupError ? describeShort(ctx.setupError) : 'unknown'}`,
      ctx.setupError ?? undefined),
  };
}

export function failOrRetry(ctx: DeviceContext, e: CKErrorInfo): Outcome {
  if (isRetryable(e) || hasCode(e, 25)) return { error: e, retryAfterMs: retryDelay(ctx, e) };
  return { error: e };
}

function describeShort(e: CKErrorInfo): string {
  const code = e.internalCode !== undefined ? `${e.code}/${e.internalCode}` : `${e.code}`;
  return `<CKError 0x0: "${e.description}" (${code})>`;
}
