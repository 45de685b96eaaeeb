import { HOUR, MIN, baseConfig, check, ends, eventsOf, hadObjectAt, hasObject, titles } from './helpers';
import type { Scenario } from './types';

export const rateLimited: Scenario = {
  name: 'rate-limited',
  title: 'Rate limited: the engine waits exactly the retry-after, and is throttled again with a new value',
  referenceNumber: 8,
  explanation: 'Exports of A fail with requestRateLimited (7/2008) carrying retry-after 30 s, then 60 s. The engine pauses for exactly that long on '
    + 'the virtual clock before retrying, and succeeds on the third attempt.',
  source: 'TN3162 (requestRateLimited 7/2008 "Retry after ... seconds"; retried requests may be throttled again); CKError retryAfterSeconds',
  config: baseConfig(),
  steps: [
    { type: 'runUntilIdle' },
    { type: 'addErrorRule', rule: { id: 'throttle', match: { op: 'modifyRecords', device: 'A' }, error: { code: 7, internalCode: 2008 }, retryAfterSequence: [30, 60], times: 2 } },
    { type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'Item', id: 'ITEM-1', values: { title: 'Milk' } }] },
    { type: 'runUntilIdle' },
  ],
  check: (run) => {
    const retries = eventsOf(run, 'scheduler.retry', 'A', (e) => e.activity === 'export');
    const exports = ends(run, 'A', 'export');
    return [
      check('two retries, after 30 s and 60 s', retries.length === 2 && retries[0].afterMs === 30_000 && retries[1].afterMs === 60_000),
      check('the first failure is 7/2008 with retry-after 30', exports[0]?.error?.code === 7 && exports[0].error.internalCode === 2008 && exports[0].error.retryAfterSeconds === 30),
      check('the second attempt starts exactly 30 s after the first failed', exports.length >= 2 && eventsOf(run, 'cloudkit.event', 'A', (e) => e.eventType === 'export' && e.endDate === null)[1]?.t === (exports[0]?.endDate ?? 0) + 30_000),
      check('the third export succeeds and B gets the item', exports[2]?.succeeded === true && hasObject(run, 'B', 'ITEM-1')),
    ];
  },
};

export const dasdDeferral: Scenario = {
  name: 'dasd-deferral',
  title: 'dasd defers the import for hours (ActivityRateLimitPolicy): slow sync without any CloudKit error',
  referenceNumber: 9,
  explanation: 'The system scheduler may refuse to run an import ("Must Not Proceed") under ActivityRateLimitPolicy, for hours. '
    + 'B receives the push but imports only when the deferral ends; no CloudKit error is involved.',
  source: 'TN3163 (dasd decisions, Activity Group / ActivityRateLimitPolicy / Low Power Mode); RE OCD 134419',
  config: baseConfig(),
  steps: [
    { type: 'runUntilIdle' },
    { type: 'setScheduler', device: 'B', policy: 'defer', reason: 'ActivityRateLimitPolicy', untilMs: 3 * HOUR },
    { type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'Item', id: 'ITEM-1', values: { title: 'Milk' } }] },
    { type: 'advance', ms: HOUR },
    { type: 'note', text: 'checkpoint deferred' },
    { type: 'runUntilIdle' },
  ],
  check: (run) => {
    const deferred = eventsOf(run, 'scheduler.decision', 'B', (e) => e.decision === 'defer' && e.policy === 'ActivityRateLimitPolicy');
    const importEnd = ends(run, 'B', 'import').filter((e) => e.t > 10_000);
    return [
      check('the push reached B', eventsOf(run, 'push.delivered', 'B').length === 1),
      check('dasd deferred the import with ActivityRateLimitPolicy', deferred.length >= 1),
      check('B did not have the item after one hour', hadObjectAt(run, 'deferred', 'B', 'ITEM-1') === false),
      check('the import ran after the deferral ended (3 h)', importEnd.length === 1 && importEnd[0].t >= 3 * HOUR),
      check('no CloudKit error on B', eventsOf(run, 'server.op', 'B').every((e) => e.error === null)),
      check('B shows the item', hasObject(run, 'B', 'ITEM-1')),
    ];
  },
};

export const bulkSeedBatching: Scenario = {
  name: 'bulk-seed-batching',
  title: 'Bulk insert of 1,000 objects: the exporter sends batches of at most 400',
  referenceNumber: 10,
  explanation: 'NSPCKC splits exports into operations of at most 400 objects and 1.5 MiB, under CloudKit\'s 400 items / 2 MB per request limit, '
    + 'so a bulk seed never hits limitExceeded. The other device fetches the changes in pages (moreComing).',
  source: 'RE OCCloudKitExporterOptions (400 / 1,572,864 bytes); CKError limitExceeded docs (400 items, 2 MB)',
  config: baseConfig(),
  steps: [
    { type: 'runUntilIdle' },
    { type: 'save', device: 'A', changes: Array.from({ length: 1000 }, (_, i) => ({ op: 'insert' as const, entity: 'Item', values: { title: `Item ${i}` } })) },
    { type: 'runUntilIdle' },
  ],
  check: (run) => {
    const ops = eventsOf(run, 'server.op', 'A', (e) => e.op === 'modifyRecords');
    const pages = eventsOf(run, 'engine.fetchedRecordZoneChanges', 'B', (e) => e.modificationCount > 0);
    return [
      check('three modifyRecords operations of 400, 400 and 200 items', ops.map((o) => o.itemCount).join(',') === '400,400,200', ops.map((o) => o.itemCount).join(',')),
      check('no limitExceeded', ops.every((o) => o.error === null)),
      check('B fetched in pages with moreComing', pages.length >= 3 && pages[0].moreComing),
      check('B has 1,000 items', titles(run, 'B').length === 1000),
    ];
  },
};

export const bigValueToAsset: Scenario = {
  name: 'big-value-to-asset',
  title: 'A 1.2 MB photo is moved to CD_photo_ckAsset instead of hitting the 1 MB record limit',
  referenceNumber: 11,
  explanation: 'Values that would push the record past 700,000 bytes go to the attribute\'s _ckAsset twin; the inline field stays empty. '
    + 'The record stays under 1 MB and the other device reads the value back from the asset.',
  source: 'Apple "Reading CloudKit Records for Core Data" (_ckAsset); RE OCCloudKitSerializer (700,000 bytes)',
  config: baseConfig(),
  steps: [
    { type: 'runUntilIdle' },
    { type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'Item', id: 'ITEM-1', values: { title: 'Receipt', photo: { kind: 'bytes', length: 1_200_000, tag: 'receipt.jpg' } } }] },
    { type: 'runUntilIdle' },
  ],
  check: (run) => {
    const rec = run.sandbox.inspectServer({ user: 'user1' }).databases[0].zones[0]?.records.find((r) => r.recordName === 'ITEM-1');
    const asset = rec?.fields['CD_photo_ckAsset'];
    const onB = run.sandbox.inspectDevice('B').objects.find((o) => o.id === 'ITEM-1')?.values.photo;
    return [
      check('CD_photo is empty on the server record', rec?.fields['CD_photo'] === null),
      check('CD_photo_ckAsset holds 1,200,000 bytes', typeof asset === 'object' && asset !== null && asset.kind === 'asset' && asset.length === 1_200_000),
      check('the record itself is under 1 MB', (rec?.sizeBytes ?? Infinity) < 1_000_000),
      check('B reads the photo back', typeof onB === 'object' && onB !== null && onB.length === 1_200_000 && onB.tag === 'receipt.jpg'),
    ];
  },
};

export const quotaExceeded: Scenario = {
  name: 'quota-exceeded',
  title: 'iCloud storage full: quotaExceeded 25/2035 with retry-after 315 s, setup never initializes',
  referenceNumber: 18,
  explanation: 'The user\'s iCloud storage is full. The first export fails with a partial failure whose item errors are quotaExceeded with retry-after 315 s; '
    + 'setup never initializes and nothing tells the user except the events.',
  source: 'Apple Developer Forums thread 745349 (quotaExceeded 25/2035, retry after 315); TN3164',
  config: baseConfig({ options: { quotaBytes: 1_000 }, devices: [{ id: 'A', network: 'offline' }, { id: 'B' }] }),
  steps: [
    { type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'Item', values: { title: 'Notes', note: 'x'.repeat(4_000) } }] },
    { type: 'setNetwork', device: 'A', mode: 'online' },
    { type: 'runUntilIdle', maxMs: 10 * MIN },
  ],
  check: (run) => {
    const setup = ends(run, 'A', 'setup')[0];
    const item = setup?.error?.partialErrors?.[0]?.error;
    return [
      check('setup fails with Partial Failure 2/1011', setup?.error?.code === 2 && setup.error.internalCode === 1011),
      check('item error quotaExceeded 25/2035 with retry-after 315', item?.code === 25 && item.internalCode === 2035 && item.retryAfterSeconds === 315),
      check('setup never initialized', run.sandbox.inspectDevice('A').mirroring.setup === 'failed'),
      check('B got nothing', titles(run, 'B').length === 0),
    ];
  },
};

export const atomicBatchRollback: Scenario = {
  name: 'atomic-batch-bad-record',
  title: 'Atomic zone batch with one bad record: the others fail with batchRequestFailed (22)',
  referenceNumber: 25,
  explanation: 'The Core Data zone is atomic: when one record of a modify operation is rejected, every other record of the batch fails with '
    + 'batchRequestFailed and nothing is saved.',
  source: 'CKError.h batchRequestFailed; TN3164 ("Batch Request Failed" for the rest); sqlite-data MockCloudDatabase (atomic zones)',
  config: baseConfig(),
  steps: [
    { type: 'runUntilIdle' },
    { type: 'addErrorRule', rule: { id: 'bad-record', match: { op: 'modifyRecords', recordName: 'BAD' }, perRecord: true, error: { code: 12, internalCode: 2006, serverMessage: 'Invalid value for field' } } },
    { type: 'save', device: 'A', changes: [
      { op: 'insert', entity: 'Item', id: 'GOOD-1', values: { title: 'ok 1' } },
      { op: 'insert', entity: 'Item', id: 'BAD', values: { title: 'bad' } },
      { op: 'insert', entity: 'Item', id: 'GOOD-2', values: { title: 'ok 2' } },
    ] },
    { type: 'runUntilIdle' },
  ],
  check: (run) => {
    const sent = eventsOf(run, 'engine.sentRecordZoneChanges', 'A', (e) => e.failedSaves.length > 0)[0];
    const codes = Object.fromEntries((sent?.failedSaves ?? []).map((f) => [f.record.recordName, f.error.code]));
    return [
      check('BAD fails with 12', codes.BAD === 12),
      check('the other two fail with batchRequestFailed 22', codes['GOOD-1'] === 22 && codes['GOOD-2'] === 22),
      check('nothing was saved', (sent?.savedCount ?? -1) === 0 && run.sandbox.inspectServer({ user: 'user1' }).databases[0].zones[0].recordCount === 0),
      check('the export event fails with Partial Failure', ends(run, 'A', 'export').some((e) => e.error?.code === 2)),
    ];
  },
};

export const benignPendingRequest: Scenario = {
  name: 'benign-134417',
  title: 'Benign noise: an export request cancelled with 134417 because another is pending',
  referenceNumber: 29,
  explanation: 'While an export request waits (here dasd defers it), a second save requests another export, which is cancelled with 134417. '
    + 'This is not a failure: the pending export runs later and exports both changes.',
  source: 'TN3163 (134417 "there is already a pending request of type NSCloudKitMirroringExportRequest")',
  config: baseConfig(),
  steps: [
    { type: 'runUntilIdle' },
    { type: 'setScheduler', device: 'A', policy: 'defer', reason: 'ActivityGroupPolicy', untilMs: 60_000 },
    { type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'Item', values: { title: 'Milk' } }] },
    { type: 'advance', ms: 5_000 },
    { type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'Item', values: { title: 'Eggs' } }] },
    { type: 'runUntilIdle' },
  ],
  check: (run) => {
    const cancelled = eventsOf(run, 'scheduler.cancelled', 'A', (e) => e.error.code === 134417);
    const exports = ends(run, 'A', 'export');
    return [
      check('one export request cancelled with 134417', cancelled.length === 1 && (cancelled[0].error.message ?? '').includes("NSCloudKitMirroringExportRequest")),
      check('a later export succeeds', exports.length >= 1 && exports[exports.length - 1].succeeded),
      check('B has both items', titles(run, 'B').join(',') === 'Eggs,Milk'),
    ];
  },
};

export const saveStormThrottle: Scenario = {
  name: 'save-storm-throttle',
  title: 'Save storm from four devices: server 503 throttling with retry-after, then recovery',
  referenceNumber: 31,
  explanation: 'Many devices saving at once exceed the server\'s request rate: some requests fail with serviceUnavailable (6/2022, http 503) and a retry-after; '
    + 'devices stop until it expires and then recover on their own.',
  source: 'TN3162 ("Request failed with http status code 503", CKRetryAfter; recurring spikes from many devices)',
  config: baseConfig({ devices: [{ id: 'A' }, { id: 'B' }, { id: 'C' }, { id: 'D' }], options: { serverRequestsPerSecond: 3, throttleRetryAfterSeconds: 20 } }),
  steps: [
    { type: 'runUntilIdle' },
    ...['A', 'B', 'C', 'D'].map((d) => ({ type: 'save' as const, device: d, changes: [{ op: 'insert' as const, entity: 'Item', values: { title: `from ${d}` } }] })),
    { type: 'runUntilIdle' },
  ],
  check: (run) => {
    const throttled = eventsOf(run, 'server.op', undefined, (e) => e.error?.code === 6 && e.error.internalCode === 2022);
    return [
      check('some requests were throttled with 6/2022 and retry-after 20', throttled.length >= 1 && throttled.every((e) => e.error?.retryAfterSeconds === 20)),
      check('devices waited the retry-after', eventsOf(run, 'scheduler.retry').some((e) => e.afterMs === 20_000)),
      check('every device ends with all four items', ['A', 'B', 'C', 'D'].every((d) => titles(run, d).length === 4)),
    ];
  },
};

export const noChunkingLimitExceeded: Scenario = {
  name: 'no-chunking-limit-exceeded',
  title: 'An exporter without 400-item chunking hits limitExceeded (27/1020) and splits the batch in half',
  referenceNumber: 10,
  explanation: 'With batches of 1,000 records (a naive app), CloudKit rejects the request: "Your request contains 1000 items which is more than '
    + 'the maximum number of items in a single request (400)". Splitting in half and retrying (500, then 250) gets everything saved.',
  source: 'CKError limitExceeded docs ("split the operation in half"); pointfreeco/sqlite-data#333, insidegui/WWDC#535 (server message)',
  config: baseConfig({ options: { exportMaxRecords: 1000, exportMaxBytes: 100_000_000 } }),
  steps: [
    { type: 'runUntilIdle' },
    { type: 'save', device: 'A', changes: Array.from({ length: 1000 }, (_, i) => ({ op: 'insert' as const, entity: 'Item', values: { title: `Item ${i}` } })) },
    { type: 'runUntilIdle' },
  ],
  check: (run) => {
    const ops = eventsOf(run, 'server.op', 'A', (e) => e.op === 'modifyRecords');
    const first = ops[0]?.error;
    return [
      check('the 1,000-item request fails with 27/1020', first?.code === 27 && first.internalCode === 1020
        && first.serverMessage === 'Your request contains 1000 items which is more than the maximum number of items in a single request (400)'),
      check('then 500 items fail again', ops[1]?.itemCount === 500 && ops[1].error?.code === 27),
      check('batches of 250 succeed', ops.slice(2).every((o) => o.itemCount === 250 && o.error === null) && ops.length === 6, ops.map((o) => o.itemCount).join(',')),
      check('B has all 1,000 items', titles(run, 'B').length === 1000),
    ];
  },
};

export const recordTooLarge: Scenario = {
  name: 'record-too-large',
  title: 'Without the _ckAsset externalisation a 1.2 MB value fails with limitExceeded 27/2023 "record too large"',
  referenceNumber: 11,
  explanation: 'A raw CKRecord (here: the asset threshold switched off) carrying 1.2 MB inline exceeds the 1 MB record limit; the item error is '
    + 'limitExceeded 27/2023 inside a partial failure and the record never reaches the server.',
  source: 'TN3164 (limitExceeded 27/2023 "record too large"); CKRecord docs (1 MB, assets excluded)',
  config: baseConfig({ options: { assetThresholdBytes: 10_000_000 } }),
  steps: [
    { type: 'runUntilIdle' },
    { type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'Item', id: 'ITEM-1', values: { title: 'Scan', photo: { kind: 'bytes', length: 1_200_000 } } }] },
    { type: 'runUntilIdle' },
  ],
  check: (run) => {
    const failed = eventsOf(run, 'engine.sentRecordZoneChanges', 'A').flatMap((e) => e.failedSaves);
    return [
      check('the save fails with 27/2023 "record too large"', failed.some((f) => f.error.code === 27 && f.error.internalCode === 2023 && f.error.serverMessage === 'record too large')),
      check('the export event fails with a partial failure', ends(run, 'A', 'export').some((e) => e.error?.code === 2)),
      check('B never gets the item', !hasObject(run, 'B', 'ITEM-1')),
    ];
  },
};
