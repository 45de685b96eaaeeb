import { DAY, baseConfig, check, eventsOf, objectsAt, titles } from './helpers';
import type { Scenario } from './types';

export const outOfOrderRelationship: Scenario = {
  name: 'out-of-order-relationship',
  title: 'Child imported before its parent: the relationship reads nil until the parent arrives',
  referenceNumber: 23,
  explanation: 'Records may arrive in any order and in several pages. B imports an item whose list has not arrived yet, so item.list is nil '
    + '(code that force-unwraps it crashes); the next page brings the list and the relationship resolves.',
  source: 'Apple "Creating a Core Data Model for CloudKit" (relationships optional, out-of-order arrival); kado PR #53',
  config: baseConfig({ options: { importPageSize: 1 } }),
  steps: [
    { type: 'runUntilIdle' },
    { type: 'addErrorRule', rule: { id: 'second-page', match: { op: 'fetchRecordZoneChanges', device: 'B' }, afterMatches: 1, times: 1, error: { code: 6, internalCode: 2022, retryAfterSeconds: 60 } } },
    { type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'Item', id: 'ITEM-1', values: { title: 'Milk' } }] },
    { type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'ShoppingList', id: 'LIST-1', values: { name: 'Groceries' } }, { op: 'update', id: 'ITEM-1', relationships: { list: 'LIST-1' } }] },
    { type: 'advance', ms: 10_000 },
    { type: 'note', text: 'checkpoint first-page' },
    { type: 'runUntilIdle' },
  ],
  check: (run) => {
    const mid = objectsAt(run, 'first-page', 'B');
    const item = run.sandbox.inspectDevice('B').objects.find((o) => o.id === 'ITEM-1');
    return [
      check('after the first page B has the item but not the list', mid !== undefined && mid.some((o) => o.id === 'ITEM-1') && !mid.some((o) => o.id === 'LIST-1')),
      check('the item\'s list reads nil', mid?.find((o) => o.id === 'ITEM-1')?.relationships.list === null),
      check('the second page failed and was retried', eventsOf(run, 'scheduler.retry', 'B').length >= 1),
      check('finally the relationship resolves', item?.relationships.list === 'LIST-1'),
    ];
  },
};

export const longPartition: Scenario = {
  name: 'long-partition',
  title: 'Device offline for days: paged catch-up, token advances per page, an interrupted page resumes',
  referenceNumber: 28,
  explanation: 'B was offline for three days while A created 1,000 items. B catches up in pages of 400 (moreComing); the token advances after each '
    + 'successful page, so when the second page fails B keeps the first page and resumes from there.',
  source: 'CKFetchRecordZoneChangesOperation header (batches, per-batch tokens, moreComing)',
  config: baseConfig(),
  steps: [
    { type: 'runUntilIdle' },
    { type: 'setNetwork', device: 'B', mode: 'offline' },
    ...Array.from({ length: 10 }, (_, i) => ({ type: 'save' as const, device: 'A', changes: Array.from({ length: 100 }, (_, j) => ({ op: 'insert' as const, entity: 'Item', values: { title: `Item ${i * 100 + j}` } })) })),
    { type: 'runUntilIdle' },
    { type: 'advance', ms: 3 * DAY },
    { type: 'addErrorRule', rule: { id: 'page-2', match: { op: 'fetchRecordZoneChanges', device: 'B' }, afterMatches: 1, times: 1, error: { code: 4 } } },
    { type: 'setNetwork', device: 'B', mode: 'online' },
    { type: 'runUntilIdle' },
  ],
  check: (run) => {
    const pages = eventsOf(run, 'engine.fetchedRecordZoneChanges', 'B', (e) => e.modificationCount > 0);
    const failedFetch = eventsOf(run, 'server.op', 'B', (e) => e.op === 'fetchRecordZoneChanges' && e.error !== null);
    return [
      check('the first page had 400 records and moreComing', pages[0]?.modificationCount === 400 && pages[0].moreComing),
      check('one page failed', failedFetch.length === 1),
      check('B resumed after the failure without refetching page 1', pages.reduce((n, p) => n + p.modificationCount, 0) === 1000),
      check('B has all 1,000 items', titles(run, 'B').length === 1000),
    ];
  },
};
