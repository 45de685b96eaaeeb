/**
 * Divergence announcements (src/core/sandbox/device/divergence.ts): a `warning` with the exact message per
 * cause, the first three ids (then "…"), at most eventDetailLimit objects and the exact count; nothing for no
 * ids. The ids are ours; the expected texts are the messages the issue-17 design settled on.
 */
import assert from 'node:assert/strict';
import { DIVERGENCE_SOURCES, announceDivergence } from '../../../src/core/sandbox/device/divergence';
import { fakeCtx } from './device-fixtures';

describe('sandbox: device divergence announcements', () => {
  it('names the source of each cause', () => {
    assert.deepEqual(DIVERGENCE_SOURCES, {
      importCascadeNotExported: 'OpenCloudData Analyzer/OCCloudKitHistoryAnalyzerContext.m:346-360 (import-authored changes are not exported)',
      fullFetchMissesDeletions: 'CKFetchRecordZoneChangesOperation with a nil token reports no deletions (reference sync-semantics.md §5 #7); diffOnFullRefetch is off',
      unknownItemDropsEdit: 'modelling choice (deleteVsEdit = deleteWins; reference sync-semantics.md §5 #3 UNCONFIRMED)',
    });
  });

  it('posts nothing without ids', () => {
    const ctx = fakeCtx();
    announceDivergence(ctx, 'unknownItemDropsEdit', []);
    assert.deepEqual(ctx.events, []);
  });

  it('lists up to three ids in the message and up to eventDetailLimit objects', () => {
    const ctx = fakeCtx({ options: { eventDetailLimit: 4 } });
    announceDivergence(ctx, 'fullFetchMissesDeletions', ['a', 'b', 'c', 'd', 'e']);
    assert.deepEqual(ctx.events, [{
      kind: 'warning',
      message: `A: a fetch from a nil change token did not return 5 object(s) this device has from CloudKit (a, b, c, …): they were deleted on the server before the fetch, and a nil-token fetch reports no deletions, so they stay on this device [${DIVERGENCE_SOURCES.fullFetchMissesDeletions}]`,
      divergence: { cause: 'fullFetchMissesDeletions', source: DIVERGENCE_SOURCES.fullFetchMissesDeletions, objects: ['a', 'b', 'c', 'd'], count: 5 },
    }]);
  });

  it('three ids need no ellipsis', () => {
    const ctx = fakeCtx();
    announceDivergence(ctx, 'unknownItemDropsEdit', ['x', 'y', 'z']);
    assert.deepEqual(ctx.events, [{
      kind: 'warning',
      message: `A: unknownItem (11): the server says 3 record(s) (x, y, z) no longer exist; the pending change is dropped (a pending delete is done; under deleteWins an edited object is deleted locally) [${DIVERGENCE_SOURCES.unknownItemDropsEdit}]`,
      divergence: { cause: 'unknownItemDropsEdit', source: DIVERGENCE_SOURCES.unknownItemDropsEdit, objects: ['x', 'y', 'z'], count: 3 },
    }]);
  });

  it('with a detail limit of 2 the message still shows three ids', () => {
    const ctx = fakeCtx({ options: { eventDetailLimit: 2 } });
    announceDivergence(ctx, 'importCascadeNotExported', ['p', 'q', 'r']);
    const ev = ctx.events[0] as unknown as { message: string; divergence: { objects: string[]; count: number } };
    assert.equal(ev.message, `A: an import deleted an object whose Cascade rule also deleted 3 related object(s) (p, q) locally; the mirroring delegate does not export changes made by its own import, so they stay in CloudKit and on other devices [${DIVERGENCE_SOURCES.importCascadeNotExported}]`);
    assert.deepEqual(ev.divergence.objects, ['p', 'q']);
    assert.equal(ev.divergence.count, 3);
  });
});
