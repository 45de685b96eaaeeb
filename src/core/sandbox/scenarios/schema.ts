import { baseConfig, check, deviceAt, ends, eventsOf, objectsAt, timeAt, titles } from './helpers';
import type { Scenario } from './types';

export const fieldMissingInProduction: Scenario = {
  name: 'field-missing-in-production',
  title: 'Field missing in production: 2/1011 with 12/2006, setup never completes, later requests fail 134406; deploying fixes it',
  referenceNumber: 14,
  explanation: 'The production schema lacks CD_Item.CD_note. The first export (part of setup here) fails with a partial failure whose item error is '
    + '"Cannot create or modify field ... in production schema"; the mirroring delegate never initializes and every later request fails with 134406. '
    + 'Deploying the development schema and relaunching the app fixes it.',
  source: 'TN3164 (Partial Failure 2/1011, Invalid Arguments 12/2006, 134406); ckdb.md §2.3',
  config: baseConfig({
    environment: 'production',
    developmentSchema: { kind: 'derived' },
    productionSchema: { kind: 'derived', omitFields: ['CD_Item.CD_note'] },
    devices: [{ id: 'A', network: 'offline' }, { id: 'B' }],
  }),
  steps: [
    { type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'Item', id: 'ITEM-1', values: { title: 'Milk' } }] },
    { type: 'setNetwork', device: 'A', mode: 'online' },
    { type: 'runUntilIdle' },
    { type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'Item', id: 'ITEM-2', values: { title: 'Eggs' } }] },
    { type: 'runUntilIdle' },
    { type: 'note', text: 'checkpoint before-deploy' },
    { type: 'deploySchema' },
    { type: 'setAppState', device: 'A', state: 'quit' },
    { type: 'setAppState', device: 'A', state: 'foreground' },
    { type: 'runUntilIdle' },
  ],
  check: (run) => {
    const setup = ends(run, 'A', 'setup');
    const first = setup[0]?.error;
    const item = first?.partialErrors?.find((p) => p.error.code === 12)?.error;
    const before = timeAt(run, 'before-deploy');
    const later = before === undefined ? [] : ends(run, 'A', 'export').filter((e) => e.t <= before);
    return [
      check('first setup fails with Partial Failure 2/1011', first?.code === 2 && first.internalCode === 1011),
      check('its item error is 12/2006 "Cannot create or modify field \'CD_note\' in record \'CD_Item\' in production schema"',
        item?.internalCode === 2006 && item.serverMessage === "Cannot create or modify field 'CD_note' in record 'CD_Item' in production schema"),
      check('setup never completed before the deploy', deviceAt(run, 'before-deploy', 'A')?.mirroring.setup === 'failed'),
      check('a later export fails with 134406', later.some((e) => e.error?.code === 134406)),
      check('the deploy succeeded and added the field', eventsOf(run, 'server.deploy').some((e) => e.ok && e.addedFields.includes('CD_Item.CD_note'))),
      check('after relaunch setup succeeds', setup[setup.length - 1]?.succeeded === true),
      check('B shows both items', titles(run, 'B').join(',') === 'Eggs,Milk', titles(run, 'B').join(',')),
    ];
  },
};

export const newTypeNotDeployed: Scenario = {
  name: 'new-type-not-deployed',
  title: 'New entity not deployed: "Cannot create new type", setup fails and retries in a loop',
  referenceNumber: 15,
  explanation: 'The production schema has no CD_Item record type. Setup fails with "Cannot create new type CD_Item in production schema"; '
    + 'the engine resets and tries setup again (bounded here by the setupRetryLimit knob) and then gives up.',
  source: 'reference §1.6 (observed, unattributed: "setup fails → reset → setup again"); TableProApp/TablePro PR #2226 message shape',
  config: baseConfig({
    environment: 'production', developmentSchema: { kind: 'derived' }, productionSchema: { kind: 'derived', omitTypes: ['CD_Item'] },
    devices: [{ id: 'A', network: 'offline' }, { id: 'B' }],
  }),
  steps: [
    { type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'Item', values: { title: 'Milk' } }] },
    { type: 'setNetwork', device: 'A', mode: 'online' },
    { type: 'runUntilIdle' },
  ],
  check: (run) => {
    const setup = ends(run, 'A', 'setup');
    const msg = (i: number): string | undefined => setup[i]?.error?.partialErrors?.find((p) => p.error.code === 12)?.error.serverMessage;
    return [
      check('setup failed three times (the loop, bounded)', setup.length === 3 && setup.every((e) => !e.succeeded), String(setup.length)),
      check('with "Cannot create new type CD_Item in production schema"', msg(0) === 'Cannot create new type CD_Item in production schema'),
      check('retries were scheduled between attempts', eventsOf(run, 'scheduler.retry', 'A', (e) => e.activity === 'setup').length === 2),
      check('the mirroring delegate ends failed', run.sandbox.inspectDevice('A').mirroring.setup === 'failed'),
    ];
  },
};

export const devVersusProd: Scenario = {
  name: 'dev-vs-prod-environment',
  title: 'Works in Debug (development grows its schema), fails in TestFlight (production) until deployed',
  referenceNumber: 16,
  explanation: 'In development CloudKit creates record types and fields just in time. The same build pointed at production fails because '
    + 'production only changes by deploy. Deploying and relaunching fixes it.',
  source: 'Apple "Creating a Database Schema by Saving Records" (just-in-time schema only in development); CKRecord docs; ckdb.md §2.1',
  config: baseConfig({ productionSchema: { kind: 'empty' } }),
  steps: [
    { type: 'runUntilIdle' },
    { type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'Item', values: { title: 'Milk' } }] },
    { type: 'runUntilIdle' },
    { type: 'note', text: 'checkpoint debug' },
    { type: 'setEnvironment', environment: 'production' },
    { type: 'runUntilIdle' },
    { type: 'note', text: 'checkpoint testflight' },
    { type: 'deploySchema' },
    { type: 'setAppState', device: 'A', state: 'quit' },
    { type: 'setAppState', device: 'A', state: 'foreground' },
    { type: 'setAppState', device: 'B', state: 'quit' },
    { type: 'setAppState', device: 'B', state: 'foreground' },
    { type: 'runUntilIdle' },
  ],
  check: (run) => {
    const tf = deviceAt(run, 'testflight', 'A');
    return [
      check('development schema grew on first save', eventsOf(run, 'server.schemaChanged').some((e) => e.environment === 'development' && e.addedTypes.includes('CD_Item'))),
      check('in Debug B shows the item', objectsAt(run, 'debug', 'B')?.some((o) => o.values.title === 'Milk') === true),
      check('in production setup fails with "Cannot create new type"', tf?.mirroring.setup === 'failed'
        && JSON.stringify(tf.mirroring.setupError).includes('Cannot create new type CD_Item in production schema')),
      check('the deploy added CD_Item to production', eventsOf(run, 'server.deploy').some((e) => e.ok && e.addedTypes.includes('CD_Item'))),
      check('after deploy and relaunch setup succeeds', run.sandbox.inspectDevice('A').mirroring.setup === 'succeeded'),
      check('the production server has the record', run.sandbox.inspectServer().databases.some((d) => d.zones.some((z) => z.recordCount === 1))),
    ];
  },
};

export const twoInstances: Scenario = {
  name: 'two-instances-same-store',
  title: 'Two containers syncing the same store in one process: 134410',
  referenceNumber: 17,
  explanation: 'A second NSPersistentCloudKitContainer on the same store (e.g. app + widget code in one process) cannot register the setup '
    + 'activity a second time; its setup fails with 134410 and the duplicate activity identifier.',
  source: 'TN3164 (134410, "Illegal attempt to register a second handler for activity identifier ...")',
  config: baseConfig(),
  steps: [
    { type: 'runUntilIdle' },
    { type: 'launchSecondInstance', device: 'A' },
    { type: 'runUntilIdle' },
  ],
  check: (run) => {
    const failed = ends(run, 'A', 'setup').filter((e) => !e.succeeded);
    const e = failed[0]?.error;
    return [
      check('a setup event fails with 134410', e?.code === 134410 && e.domain === 'NSCocoaErrorDomain'),
      check('the underlying error names the setup activity identifier', (e?.underlying?.message ?? '').includes('com.apple.coredata.cloudkit.activity.setup.')),
      check('the first instance keeps syncing', run.sandbox.inspectDevice('A').mirroring.setup === 'succeeded'),
    ];
  },
};
