import { ckError } from '../../errors';
import { PUBLIC_DEFAULT_ZONE } from '../../server/storage';
import type { ServerResponse } from '../../server/wire';
import type { DeviceContext, Effect, Outcome } from '../device-context';
import { call } from '../device-context';
import { applyPage } from '../apply-records';
import { failOrRetry } from './outcome';

/**
 * The public-database poll (TN3163): no pushes and no change feed, so the device queries each record type for
 * records modified since the newest one it has seen, on a timer.
 */

export function schedulePoll(ctx: DeviceContext): void {
  ctx.host.cancel(ctx.pollTask);
  // TN3163: the public database is polled (30 min in development, up to 24 h in production).
  ctx.pollTask = ctx.host.schedule(ctx.host.publicPollMs(), `${ctx.id}: public database poll`, () => {
    ctx.pollTask = null;
    ctx.request('import', 'PublicDatabasePoll', true);
    schedulePoll(ctx);
  }, true);
}

/** Public database: a query per record type, `modificationDate > max seen` [RE OCCKRecordZoneQuery]; deletions are invisible (§2.4). */
export function* pollPublic(ctx: DeviceContext): Generator<Effect, Outcome, ServerResponse | undefined> {
  let high = ctx.publicHighWater;
  for (const recordType of ctx.host.model.recordTypes()) {
    for (;;) {
      const r = yield* call({ op: 'queryRecords', database: 'public', recordType, modifiedAfter: ctx.publicHighWater, limit: ctx.opts.importPageSize });
      if (r.op !== 'queryRecords') return { error: ckError(1) };
      if (r.error) {
        if (r.error.code === 11) break; // RE: unknown type = schema not initialised, not fatal.
        return failOrRetry(ctx, r.error);
      }
      applyPage(ctx, r.records, [], null);
      for (const rec of r.records) if (high === null || rec.modifiedT > high) high = rec.modifiedT;
      const limit = ctx.opts.eventDetailLimit;
      ctx.emit({
        kind: 'engine.fetchedRecordZoneChanges', zone: PUBLIC_DEFAULT_ZONE,
        modifications: r.records.slice(0, limit).map((m) => ({ recordName: m.recordName, recordType: m.recordType })), modificationCount: r.records.length,
        deletions: [], deletionCount: 0, moreComing: r.moreComing,
      });
      if (!r.moreComing || r.records.length === 0) break;
      // Page on: the next query starts after the newest record of this page.
      ctx.publicHighWater = r.records[r.records.length - 1].modifiedT - 1;
    }
  }
  ctx.publicHighWater = high;
  return { error: null };
}
