import { baseConfig, check, deviceAt, ends, eventsOf, hadObjectAt, hasObject, timeAt, titles } from './helpers';
import type { Scenario } from './types';

export const pushDropped: Scenario = {
  name: 'push-dropped',
  title: 'Push dropped: B imports nothing until the app becomes active',
  referenceNumber: 4,
  explanation: 'Silent pushes are best effort. With every push to B dropped, B does not import A\'s object while in the background; '
    + 'when B is activated NSPCKC imports on activation and the object appears.',
  source: 'Apple "Syncing a Core Data store with CloudKit" ("Push notifications may get dropped or deferred"); TN3163 (import on activation)',
  config: baseConfig({ devices: [{ id: 'A' }, { id: 'B', pushPolicy: 'drop' }] }),
  steps: [
    { type: 'runUntilIdle' },
    { type: 'setAppState', device: 'B', state: 'background' },
    { type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'Item', id: 'ITEM-1', values: { title: 'Eggs' } }] },
    { type: 'runUntilIdle' },
    { type: 'note', text: 'checkpoint before-activation' },
    { type: 'setAppState', device: 'B', state: 'foreground' },
    { type: 'runUntilIdle' },
  ],
  check: (run) => {
    const t0 = timeAt(run, 'before-activation');
    const bImports = ends(run, 'B', 'import');
    return [
      check('the push to B was dropped', eventsOf(run, 'push.dropped', 'B').length >= 1),
      check('B did not have the object before activation', hadObjectAt(run, 'before-activation', 'B', 'ITEM-1') === false),
      check('B imported on activation', eventsOf(run, 'engine.willFetchChanges', 'B', (e) => e.label === 'ApplicationDidBecomeActive').length === 1),
      check('no import on B between the save and activation', t0 !== undefined && bImports.filter((e) => e.t > 500 && e.t <= t0).length === 0),
      check('B shows the object after activation', hasObject(run, 'B', 'ITEM-1')),
    ];
  },
};

export const pushCoalescing: Scenario = {
  name: 'push-coalescing',
  title: 'Five saves while B is offline: one held push, one import with all five changes',
  referenceNumber: 5,
  explanation: 'APNs and iOS keep one pending background notification per app; a newer one replaces the held one. '
    + 'When B reconnects it receives a single push and one import fetches all five changes.',
  source: 'Apple "Sending notification requests to APNs" (one stored notification per app); "Pushing background updates to your app"',
  config: baseConfig(),
  steps: [
    { type: 'runUntilIdle' },
    { type: 'setNetwork', device: 'B', mode: 'offline' },
    ...[1, 2, 3, 4, 5].flatMap((i) => [
      { type: 'save' as const, device: 'A', changes: [{ op: 'insert' as const, entity: 'Item', values: { title: `Item ${i}` } }] },
      { type: 'advance' as const, ms: 5_000 },
    ]),
    { type: 'runUntilIdle' },
    { type: 'setNetwork', device: 'B', mode: 'online' },
    { type: 'runUntilIdle' },
  ],
  check: (run) => {
    const pushImports = eventsOf(run, 'engine.willFetchChanges', 'B', (e) => e.label === 'Push');
    return [
      check('A sent five pushes to B', eventsOf(run, 'push.sent', 'B').length === 5),
      check('four held pushes were replaced', eventsOf(run, 'push.coalesced', 'B').length === 4),
      check('one push delivered', eventsOf(run, 'push.delivered', 'B').length === 1),
      check('one push import on B', pushImports.length === 1, String(pushImports.length)),
      check('B has all five items', titles(run, 'B').length === 5),
    ];
  },
};

export const pushDiscardedOnQuit: Scenario = {
  name: 'push-discarded-on-quit',
  title: 'A held push is discarded when B is force-quit; launch imports anyway',
  referenceNumber: 5,
  explanation: 'If the app is force-quit while a background push is held, the system discards it. '
    + 'The next launch runs setup and the initial import, which brings the change.',
  source: 'Apple "Pushing background updates to your app" (force-quit apps do not receive background pushes); TN3163 (import at launch)',
  config: baseConfig(),
  steps: [
    { type: 'runUntilIdle' },
    { type: 'setNetwork', device: 'B', mode: 'offline' },
    { type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'Item', id: 'ITEM-1', values: { title: 'Bread' } }] },
    { type: 'runUntilIdle' },
    { type: 'setAppState', device: 'B', state: 'quit' },
    { type: 'setNetwork', device: 'B', mode: 'online' },
    { type: 'setAppState', device: 'B', state: 'foreground' },
    { type: 'runUntilIdle' },
  ],
  check: (run) => [
    check('the held push was discarded on quit', eventsOf(run, 'push.dropped', 'B', (e) => e.reason === 'appQuit').length === 1),
    check('no push was delivered to B', eventsOf(run, 'push.delivered', 'B').length === 0),
    check('B imported after launch and shows the object', hasObject(run, 'B', 'ITEM-1')),
  ],
};

export const originatorExcluded: Scenario = {
  name: 'originator-excluded',
  title: 'The device that made the change gets no push for it',
  referenceNumber: 6,
  explanation: 'CloudKit excludes the originating device from a subscription\'s notifications, so only the other devices of the user import.',
  source: 'Apple CKDatabaseSubscription / CKSubscription ("the server excludes the device where the change originates")',
  config: baseConfig({ devices: [{ id: 'A' }, { id: 'B' }, { id: 'C' }] }),
  steps: [
    { type: 'runUntilIdle' },
    { type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'Item', values: { title: 'Apples' } }] },
    { type: 'runUntilIdle' },
  ],
  check: (run) => [
    check('no push was sent to A', eventsOf(run, 'push.sent', 'A').length === 0),
    check('B and C each got one push', eventsOf(run, 'push.sent', 'B').length === 1 && eventsOf(run, 'push.sent', 'C').length === 1),
    check('B and C show the item', titles(run, 'B').includes('Apples') && titles(run, 'C').includes('Apples')),
  ],
};

export const uiNotRefreshed: Scenario = {
  name: 'ui-not-refreshed',
  title: 'UI not refreshed: the import succeeded but the app ignores NSPersistentStoreRemoteChange',
  referenceNumber: 30,
  explanation: 'B\'s store has A\'s new item after the import, but B\'s app does not observe remote-change notifications, so its UI still shows '
    + 'the old data; the item appears only after a relaunch.',
  source: 'TN3164 "Present the latest data" (observe NSPersistentStoreRemoteChange or reset the context)',
  config: baseConfig({ devices: [{ id: 'A' }, { id: 'B', observesRemoteChanges: false }] }),
  steps: [
    { type: 'runUntilIdle' },
    { type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'Item', id: 'ITEM-1', values: { title: 'Coffee' } }] },
    { type: 'runUntilIdle' },
    { type: 'note', text: 'checkpoint imported' },
    { type: 'setAppState', device: 'B', state: 'quit' },
    { type: 'setAppState', device: 'B', state: 'foreground' },
    { type: 'runUntilIdle' },
  ],
  check: (run) => {
    const mid = deviceAt(run, 'imported', 'B');
    const end = run.sandbox.inspectDevice('B');
    return [
      check('the import succeeded and posted NSPersistentStoreRemoteChange', eventsOf(run, 'store.remoteChange', 'B').length >= 1 && mid?.objects.some((o) => o.id === 'ITEM-1') === true),
      check('the UI was stale after the import', mid?.ui?.stale === true),
      check('after relaunch the UI shows the latest data', end.ui?.stale === false && hasObject(run, 'B', 'ITEM-1')),
    ];
  },
};
