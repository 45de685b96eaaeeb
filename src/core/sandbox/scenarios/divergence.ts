import type { ModelSpec, SandboxEvent } from '../api';
import { DIVERGENCE_SOURCES } from '../device/divergence';
import { baseConfig, check, hasObject } from './helpers';
import type { Scenario } from './types';

/**
 * Behaviours that leave devices apart for good, kept because the evidence says the real mirroring delegate has
 * them, and announced on the timeline (issue 17 D1, D2).
 */

/** An Item with details (only the Detail record carries the key, §4.4); deleting the Item cascades to its details. */
const DETAIL_MODEL: ModelSpec = {
  entities: [
    { name: 'Item', attributes: [{ name: 'title', type: 'String' }], relationships: [{ name: 'details', destination: 'Detail', inverse: 'item', toMany: true, deletionRule: 'Cascade' }] },
    { name: 'Detail', attributes: [{ name: 'note', type: 'String' }], relationships: [{ name: 'item', destination: 'Item', inverse: 'details' }] },
  ],
};

function divergences(events: readonly SandboxEvent[], device: string, cause: string): string[] {
  return events.flatMap((e) => (e.kind === 'warning' && e.device === device && e.divergence?.cause === cause ? [...e.divergence.objects] : []));
}

export const importCascadeNotExported: Scenario = {
  name: 'import-cascade-not-exported',
  title: 'A delete arrives while a child is created: the import\'s cascade delete is not exported (announced)',
  referenceNumber: 3,
  explanation: 'B deletes an Item while A, whose pushes are lost, gives it a Detail (Item.details is Cascade). A exports the Detail, then imports the Item\'s '
    + 'deletion: the Cascade rule deletes the Detail on A, but the mirroring delegate does not export changes its own import made, so the '
    + 'Detail stays in CloudKit and on B. The timeline announces it with the objects and the source.',
  source: DIVERGENCE_SOURCES.importCascadeNotExported,
  config: baseConfig({ model: { kind: 'spec', spec: DETAIL_MODEL } }),
  steps: [
    { type: 'runUntilIdle' },
    { type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'Item', id: 'ITEM-1', values: { title: 'Milk' } }] },
    { type: 'runUntilIdle' },
    { type: 'setPushPolicy', device: 'A', policy: 'drop' },
    { type: 'save', device: 'B', changes: [{ op: 'delete', id: 'ITEM-1' }] },
    { type: 'runUntilIdle' },
    { type: 'save', device: 'A', changes: [{ op: 'insert', entity: 'Detail', id: 'DETAIL-1', values: { note: 'organic' }, relationships: { item: 'ITEM-1' } }] },
    { type: 'runUntilIdle' },
    { type: 'setPushPolicy', device: 'A', policy: 'deliver' },
    { type: 'fetchChanges', device: 'A' },
    { type: 'runUntilIdle' },
  ],
  check: (run) => [
    check('A ends without the Detail (cascade of the imported delete)', !hasObject(run, 'A', 'DETAIL-1')),
    check('B keeps the Detail', hasObject(run, 'B', 'DETAIL-1')),
    check('A announces DETAIL-1 as an import cascade that is not exported', divergences(run.events, 'A', 'importCascadeNotExported').includes('DETAIL-1')),
  ],
};

export const fullFetchMissesDeletion: Scenario = {
  name: 'nil-token-fetch-misses-deletion',
  title: 'A deletion made before a fetch from a nil token never reaches the device (announced)',
  referenceNumber: 7,
  explanation: 'B exports an Item; A deletes it while B misses the push; B\'s change token then expires, so B resets and fetches from a nil '
    + 'token: such a fetch returns the records that exist and no deletions, so B keeps the Item. The timeline announces it '
    + '(option diffOnFullRefetch removes such objects instead).',
  source: DIVERGENCE_SOURCES.fullFetchMissesDeletions,
  config: baseConfig(),
  steps: [
    { type: 'runUntilIdle' },
    { type: 'save', device: 'B', changes: [{ op: 'insert', entity: 'Item', id: 'ITEM-1', values: { title: 'Milk' } }] },
    { type: 'runUntilIdle' },
    { type: 'setPushPolicy', device: 'B', policy: 'drop' },
    { type: 'save', device: 'A', changes: [{ op: 'delete', id: 'ITEM-1' }] },
    { type: 'runUntilIdle' },
    { type: 'expireChangeTokens' },
    { type: 'fetchChanges', device: 'B' },
    { type: 'runUntilIdle' },
  ],
  check: (run) => [
    check('A no longer has the Item', !hasObject(run, 'A', 'ITEM-1')),
    check('B keeps the Item', hasObject(run, 'B', 'ITEM-1')),
    check('B announces ITEM-1 as missed by a nil-token fetch', divergences(run.events, 'B', 'fullFetchMissesDeletions').includes('ITEM-1')),
  ],
};
