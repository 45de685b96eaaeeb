import type { Divergence } from '../api';
import type { DeviceContext } from './device-context';

/**
 * Announcements of behaviours that leave a device and the server holding different objects for good
 * (issue 17 D1, D2, D4). The sandbox keeps these behaviours because the evidence says the real mirroring
 * delegate has them (or, where it is silent, because the switch says so), and says so on the timeline: a
 * `warning` event with a `divergence` naming the cause, the source and the objects.
 */

export const DIVERGENCE_SOURCES: Readonly<Record<Divergence['cause'], string>> = {
  // The history analyzer skips changes whose transaction author or context is the import context
  // (a delete only resets the object's analyzer state), so nothing the import did is exported.
  importCascadeNotExported: 'OpenCloudData Analyzer/OCCloudKitHistoryAnalyzerContext.m:346-360 (import-authored changes are not exported)',
  // CKFetchRecordZoneChangesOperation from a nil token returns the records that exist, never the deletions
  // made before it; reference sync-semantics.md §5 #7, option diffOnFullRefetch.
  fullFetchMissesDeletions: 'CKFetchRecordZoneChangesOperation with a nil token reports no deletions (reference sync-semantics.md §5 #7); diffOnFullRefetch is off',
  unknownItemDropsEdit: 'modelling choice (deleteVsEdit = deleteWins; reference sync-semantics.md §5 #3 UNCONFIRMED)',
};

const MESSAGES: Readonly<Record<Divergence['cause'], (n: number, first: string) => string>> = {
  importCascadeNotExported: (n, first) => `an import deleted an object whose Cascade rule also deleted ${n} related object(s) (${first}) locally; the mirroring delegate does not export changes made by its own import, so they stay in CloudKit and on other devices`,
  fullFetchMissesDeletions: (n, first) => `a fetch from a nil change token did not return ${n} object(s) this device has from CloudKit (${first}): they were deleted on the server before the fetch, and a nil-token fetch reports no deletions, so they stay on this device`,
  unknownItemDropsEdit: (n, first) => `unknownItem (11): the server says ${n} record(s) (${first}) no longer exist; the pending change is dropped (a pending delete is done; under deleteWins an edited object is deleted locally)`,
};

export function announceDivergence(ctx: DeviceContext, cause: Divergence['cause'], ids: readonly string[]): void {
  if (ids.length === 0) return;
  const objects = ids.slice(0, ctx.opts.eventDetailLimit);
  const first = objects.slice(0, 3).join(', ') + (ids.length > 3 ? ', …' : '');
  ctx.emit({
    kind: 'warning',
    message: `${ctx.id}: ${MESSAGES[cause](ids.length, first)} [${DIVERGENCE_SOURCES[cause]}]`,
    divergence: { cause, source: DIVERGENCE_SOURCES[cause], objects, count: ids.length },
  });
}
