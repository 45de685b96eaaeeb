import type { CKErrorInfo } from '../../api';
import { retryAfterOf } from '../../errors';
import { fnv1a } from '../../prng';

/**
 * The delay before a failed activity runs again (issue 17 R2, D5).
 *
 * - The error's retry-after is a floor, never the whole answer: CKSyncEngine and the mirroring delegate honour
 *   `CKErrorRetryAfterKey` (reference sync-semantics.md §3; TN3162), and a zoneBusy/serviceUnavailable retry
 *   uses exponential backoff (sync-semantics.md §2 "Zone busy": "check CKErrorRetryAfterKey, exponential
 *   backoff"). So the delay is max(retry-after, backoff), the backoff doubling per consecutive failure from
 *   `retryBaseMs` up to `retryMaxMs` and reset by a success. A retry-after of 0 therefore still backs off
 *   (it retried every 100 ms before: 324k events per virtual hour).
 * - Jitter: real retry scheduling is not in lockstep across devices (two devices throttled together retried at
 *   the same instant forever, D5). The sandbox adds up to `RETRY_JITTER` of the backoff (once the backoff is longer than the server's retry-after, which is
 *   waited exactly), drawn deterministically
 *   from the device's store identifier (itself drawn from the session seed), the virtual time and the backoff
 *   step, so a replay is identical and the main PRNG stream is not consumed (modelling choice: Apple's jitter
 *   and its size are not documented).
 */
export const RETRY_JITTER = 0.2;

export interface BackoffState {
  backoffMs: number;
  readonly storeIdentifier: string;
  readonly opts: { readonly retryBaseMs: number; readonly retryMaxMs: number };
  readonly host: { now(): number };
}

export function nextRetryDelay(ctx: BackoffState, e: CKErrorInfo): number {
  ctx.backoffMs = ctx.backoffMs === 0 ? Math.max(1, ctx.opts.retryBaseMs) : Math.min(ctx.backoffMs * 2, Math.max(1, ctx.opts.retryMaxMs));
  const ra = retryAfterOf(e);
  const floor = ra !== undefined && Number.isFinite(ra) && ra > 0 ? Math.round(ra * 1000) : 0;
  // The server's retry-after is waited exactly while it is longer than the backoff (scenario rate-limited).
  if (floor >= ctx.backoffMs) return floor;
  return ctx.backoffMs + Math.floor(ctx.backoffMs * RETRY_JITTER * jitterFraction(ctx.storeIdentifier, ctx.host.now(), ctx.backoffMs));
}

/** A deterministic fraction in [0, 1) for this device, instant and backoff step. */
export function jitterFraction(storeIdentifier: string, now: number, step: number): number {
  return fnv1a(`${storeIdentifier}|${now}|${step}`) / 4294967296;
}
