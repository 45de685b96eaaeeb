import { MANY_TO_MANY_RECORD_TYPE } from '../../cloudkit/mapping';
import type { CKErrorInfo, ResetReason } from '../api';
import { RESET_REASON_CODES } from '../api';
import { TxnBuilder } from './store';
import type { DeviceContext } from './device-context';
import { deleteLocal, emitSaved } from './local-saves';

/**
 * Resets (§1.6 reset reasons): tokens dropped; local data purged or re-exported from scratch depending on the reason.
 */

export function reset(ctx: DeviceContext, reason: ResetReason, error: CKErrorInfo | null): void {
  const code = RESET_REASON_CODES[reason];
  ctx.emit({ kind: 'engine.reset', phase: 'will', reason, reasonCode: code, error });
  ctx.resetCount++;
  ctx.dbToken = null;
  ctx.zoneToken = null;
  ctx.publicHighWater = null;
  const purge = reason === 'UserPurgedZone'
    || ((reason === 'AccountLogout' || reason === 'AccountChange' || reason === 'AccountLogin') && ctx.opts.accountChangePurgesLocalData);
  if (purge) {
    // Purged zones must not be re-uploaded (CKSyncEngine `.purged`: "delete any locally cached data and not resend it").
    const txn = new TxnBuilder('NSCloudKitMirroringDelegate.reset');
    for (const id of [...ctx.store.objects.keys()]) deleteLocal(ctx, txn, id, 0, false, new Set());
    for (const name of [...ctx.store.links.keys()]) ctx.store.removeLink(txn, name);
    ctx.store.dirty.clear();
    const h = ctx.store.commit(txn, ctx.host.now());
    if (h) emitSaved(ctx, h.seq, 'NSCloudKitMirroringDelegate.reset', h.inserted, h.updated, h.deleted);
  } else if (reason === 'ZoneDeleted' || reason === 'HistoryExpired' || reason.startsWith('Account')) {
    // Metadata purged: every object is exported again from scratch (RE OCCloudKitMetadataPurger; obs LAB22).
    for (const o of ctx.store.objects.values()) {
      if (reason === 'ZoneDeleted' || reason.startsWith('Account')) { o.changeTag = null; o.onServer = false; }
      ctx.store.markDirty(o, ctx.host.model.entity(o.entity)!.recordType, null, ctx.store.lastTxn);
    }
    for (const name of ctx.store.links.keys()) ctx.store.markDirty({ id: name, entity: MANY_TO_MANY_RECORD_TYPE }, MANY_TO_MANY_RECORD_TYPE, null, ctx.store.lastTxn);
    if (reason === 'ZoneDeleted') for (const [id, d] of [...ctx.store.dirty]) if (d.deleted) ctx.store.dirty.delete(id);
  }
  ctx.emit({ kind: 'engine.reset', phase: 'did', reason, reasonCode: code, error });
  ctx.emit({ kind: 'engine.stateUpdate', databaseToken: null, zoneToken: null });
}

export function requeueSetup(ctx: DeviceContext): void {
  ctx.setup = 'notStarted';
  ctx.request('setup', 'Reset', true);
}
