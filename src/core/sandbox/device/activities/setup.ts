import { COREDATA_ZONE } from '../../../cloudkit/mapping';
import type { CKErrorInfo } from '../../api';
import { CD_CODES, cocoaError, rootPartialError } from '../../errors';
import type { Act, DeviceContext, Outcome } from '../device-context';
import { call } from '../device-context';
import { exportBody } from './export';
import { isRetryable, retryDelay } from './outcome';
import { schedulePoll } from './public-poll';

/**
 * The setup activity (reference/sync-semantics.md §1.2): model validation (134060), the Core Data zone and the
 * database subscription, and the export of objects already in the store.
 */

/** §1.2 [doc TN3163 log; RE OCD SetupAssistant]. */
export const PRIVATE_SUBSCRIPTION_ID = 'com.apple.coredata.cloudkit.private.subscription';

export function* setupAct(ctx: DeviceContext): Act {
  ctx.setup = 'running';
  ctx.setupAttempts++;
  if (!ctx.host.validation.ok) {
    // coredata-model.md §3.1: the store fails to load with 134060 and the validator's reasons.
    const error = cocoaError(CD_CODES.modelValidation, 'modelValidation', `A Core Data error occurred. ${ctx.host.validation.reason}`);
    ctx.setup = 'failed';
    ctx.setupError = error;
    return { error };
  }
  const account = accountProblem(ctx);
  if (account) {
    ctx.setup = 'failed';
    ctx.setupError = account;
    ctx.emit({ kind: 'warning', message: `${ctx.id}: setup failed with 134400 (${account.message ?? ''}); mirroring resumes when the account changes [OpenCloudData OCCloudKitSetupAssistant.m:713-756; corpus log 003]` });
    return { error: account };
  }
  if (ctx.host.scope !== 'public') {
    ctx.emit({ kind: 'engine.willSendChanges', label: 'Setup' });
    const z = yield* call({ op: 'modifyRecordZones', database: ctx.host.scope, saveZones: [COREDATA_ZONE], deleteZones: [] });
    let error = z.error;
    if (!error) {
      const s = yield* call({ op: 'modifySubscriptions', database: ctx.host.scope, save: [PRIVATE_SUBSCRIPTION_ID] });
      error = s.error;
    }
    ctx.emit({ kind: 'engine.sentDatabaseChanges', savedZones: error ? [] : [COREDATA_ZONE], deletedZones: [], savedSubscriptions: error ? [] : [PRIVATE_SUBSCRIPTION_ID], error });
    if (error) return setupFailed(ctx, error);
  }
  // Design: objects already in the store when mirroring starts are exported as part of setup, so a
  // schema rejection surfaces as a setup failure (TN3164's "never successfully initialized due to <CKError Partial Failure>").
  if (ctx.store.dirty.size > 0) {
    const r = yield* exportBody(ctx);
    if (r.error) return setupFailed(ctx, r.error);
  }
  ctx.setup = 'succeeded';
  ctx.setupError = null;
  ctx.request('import', 'Setup', true);
  if (ctx.host.scope === 'public') schedulePoll(ctx);
  return { error: null };
}

/**
 * The setup assistant's account check (OpenCloudData OCCloudKitSetupAssistant.m:713-756; corpus log 003):
 * no account fails setup with 134400 "Unable to initialize without an iCloud account
 * (CKAccountStatusNoAccount)." in the private database (the public database goes on without one, :731-737);
 * a temporarily unavailable account fails with "Unable to initialize without a valid iCloud account
 * (CKAccountStatusTemporarilyUnavailable).". The container then waits for an account change
 * (NSCloudKitMirroringDelegate recoverFromError: "Failed to recover from error: NSCocoaErrorDomain:134400", log 003).
 */
export function accountProblem(ctx: DeviceContext): CKErrorInfo | null {
  if (ctx.accountTemporarilyUnavailable) {
    return cocoaError(CD_CODES.accountUnavailable, 'accountUnavailable', 'Unable to initialize without a valid iCloud account (CKAccountStatusTemporarilyUnavailable).');
  }
  if (ctx.user === null && ctx.host.scope !== 'public') {
    return cocoaError(CD_CODES.accountUnavailable, 'accountUnavailable', 'Unable to initialize without an iCloud account (CKAccountStatusNoAccount).');
  }
  return null;
}

function setupFailed(ctx: DeviceContext, error: CKErrorInfo): Outcome {
  if (isRetryable(error)) {
    ctx.setup = 'notStarted';
    return { error, retryAfterMs: retryDelay(ctx, error) };
  }
  const root = rootPartialError(error) ?? error;
  // §1.6 [obs]: a type missing in production makes setup fail → reset → setup again (a loop); bounded by setupRetryLimit.
  if (root.serverMessage?.startsWith('Cannot create new type') && ctx.setupAttempts < ctx.opts.setupRetryLimit) {
    ctx.setup = 'notStarted';
    return { error, retryAfterMs: retryDelay(ctx, error) };
  }
  ctx.setup = 'failed';
  ctx.setupError = error;
  return { error };
}
