import assert from 'node:assert/strict';
import { SCENARIOS, runScenario } from '../../../src/core/sandbox/scenarios';
import { scenarioFacts, type ScenarioFacts } from './scenario-facts';

/**
 * Each library scenario's key facts, pinned here, away from the engine: the scenario's own checks live
 * next to the engine in src/core/sandbox/scenarios, so one commit can change the engine and those checks
 * together and stay green. A change of what a scenario shows (which objects each device ends with, which
 * CKError codes the server answers, which resets run, whether setup succeeds, what happens to pushes) has
 * to change this table too, where a reviewer sees it. Timing (virtual times, retry delays) and event counts
 * are deliberately not pinned: retry timing is tuned on its own.
 *
 * Reading a row: `errors` holds CKError codes, `2/<n>` a partial failure (2) with item code n
 * (CKError.h); `resets` are `device:reason` in order of first occurrence.
 */
const FACTS: Readonly<Record<string, ScenarioFacts>> = {
  'same-field-conflict-ckse': {
    objects: { A: ['Item:Oat milk (A)'], B: ['Item:Oat milk (A)'] },
    errors: ['2/14'], resets: [],
    setup: { A: 'succeeded', B: 'succeeded' }, pushes: ['delivered', 'held:offline'],
  },
  'same-field-last-exporter-wins': {
    objects: { A: ['Item:Soy milk (B)'], B: ['Item:Soy milk (B)'] },
    errors: [], resets: [],
    setup: { A: 'succeeded', B: 'succeeded' }, pushes: ['delivered', 'held:offline'],
  },
  'different-fields-merge': {
    objects: { A: ['Item:Whole milk'], B: ['Item:Whole milk'] },
    errors: [], resets: [],
    setup: { A: 'succeeded', B: 'succeeded' }, pushes: ['delivered', 'held:offline'],
  },
  'delete-vs-edit': {
    objects: { A: [], B: [] },
    errors: ['2/11'], resets: [],
    setup: { A: 'succeeded', B: 'succeeded' }, pushes: ['delivered', 'held:offline'],
  },
  'push-dropped': {
    objects: { A: ['Item:Eggs'], B: ['Item:Eggs'] },
    errors: [], resets: [],
    setup: { A: 'succeeded', B: 'succeeded' }, pushes: ['dropped:policy'],
  },
  'push-coalescing': {
    objects: {
      A: ['Item:Item 1', 'Item:Item 2', 'Item:Item 3', 'Item:Item 4', 'Item:Item 5'],
      B: ['Item:Item 1', 'Item:Item 2', 'Item:Item 3', 'Item:Item 4', 'Item:Item 5'],
    },
    errors: [], resets: [],
    setup: { A: 'succeeded', B: 'succeeded' }, pushes: ['coalesced', 'delivered', 'held:offline'],
  },
  'push-discarded-on-quit': {
    objects: { A: ['Item:Bread'], B: ['Item:Bread'] },
    errors: [], resets: [],
    setup: { A: 'succeeded', B: 'succeeded' }, pushes: ['dropped:appQuit', 'held:offline'],
  },
  'originator-excluded': {
    objects: { A: ['Item:Apples'], B: ['Item:Apples'], C: ['Item:Apples'] },
    errors: [], resets: [],
    setup: { A: 'succeeded', B: 'succeeded', C: 'succeeded' }, pushes: ['delivered'],
  },
  'change-token-expired': {
    objects: { A: ['Item:Bread', 'Item:Milk'], B: ['Item:Bread', 'Item:Eggs', 'Item:Milk'] },
    errors: ['21'], resets: ['B:ServerChangeTokenExpired'],
    setup: { A: 'succeeded', B: 'succeeded' }, pushes: ['delivered', 'held:offline'],
  },
  'rate-limited': {
    objects: { A: ['Item:Milk'], B: ['Item:Milk'] },
    errors: ['7'], resets: [],
    setup: { A: 'succeeded', B: 'succeeded' }, pushes: ['delivered'],
  },
  'dasd-deferral': {
    objects: { A: ['Item:Milk'], B: ['Item:Milk'] },
    errors: [], resets: [],
    setup: { A: 'succeeded', B: 'succeeded' }, pushes: ['delivered'],
  },
  'bulk-seed-batching': {
    objects: { A: ['1000 objects', 'Item:Item 0', 'Item:Item 1', 'Item:Item 10'], B: ['1000 objects', 'Item:Item 0', 'Item:Item 1', 'Item:Item 10'] },
    errors: [], resets: [],
    setup: { A: 'succeeded', B: 'succeeded' }, pushes: ['delivered'],
  },
  'no-chunking-limit-exceeded': {
    objects: { A: ['1000 objects', 'Item:Item 0', 'Item:Item 1', 'Item:Item 10'], B: ['1000 objects', 'Item:Item 0', 'Item:Item 1', 'Item:Item 10'] },
    errors: ['27'], resets: [],
    setup: { A: 'succeeded', B: 'succeeded' }, pushes: ['delivered'],
  },
  'big-value-to-asset': {
    objects: { A: ['Item:Receipt'], B: ['Item:Receipt'] },
    errors: [], resets: [],
    setup: { A: 'succeeded', B: 'succeeded' }, pushes: ['delivered'],
  },
  'record-too-large': {
    objects: { A: ['Item:Scan'], B: [] },
    errors: ['2/27'], resets: [],
    setup: { A: 'succeeded', B: 'succeeded' }, pushes: [],
  },
  'public-db-deletion': {
    objects: { A: [], B: ['Item:Flyer'] },
    errors: ['11'], resets: [],
    setup: { A: 'succeeded', B: 'succeeded' }, pushes: [],
  },
  'public-db-no-account': {
    objects: { A: ['Item:Mine', 'Item:Public notice'], B: ['Item:Public notice'] },
    errors: ['11', '9'], resets: [],
    setup: { A: 'succeeded', B: 'succeeded' }, pushes: [],
  },
  'field-missing-in-production': {
    objects: { A: ['Item:Eggs', 'Item:Milk'], B: ['Item:Eggs', 'Item:Milk'] },
    errors: ['2/12'], resets: [],
    setup: { A: 'succeeded', B: 'succeeded' }, pushes: ['delivered'],
  },
  'new-type-not-deployed': {
    objects: { A: ['Item:Milk'], B: [] },
    errors: ['2/12'], resets: [],
    setup: { A: 'failed', B: 'succeeded' }, pushes: [],
  },
  'dev-vs-prod-environment': {
    objects: { A: ['Item:Milk'], B: ['Item:Milk'] },
    errors: ['2/12'], resets: [],
    setup: { A: 'succeeded', B: 'succeeded' }, pushes: ['delivered'],
  },
  'two-instances-same-store': {
    objects: { A: [], B: [] },
    errors: [], resets: [],
    setup: { A: 'succeeded', B: 'succeeded' }, pushes: [],
  },
  'quota-exceeded': {
    objects: { A: ['Item:Notes'], B: [] },
    errors: ['2/25'], resets: [],
    setup: { A: 'failed', B: 'succeeded' }, pushes: [],
  },
  'zone-deleted': {
    objects: { A: ['Item:Eggs', 'Item:Milk'], B: ['Item:Eggs', 'Item:Milk'] },
    errors: [], resets: ['A:ZoneDeleted', 'B:ZoneDeleted'],
    setup: { A: 'succeeded', B: 'succeeded' }, pushes: ['delivered'],
  },
  'user-deleted-icloud-data': {
    objects: { A: [], B: [] },
    errors: [], resets: ['A:UserPurgedZone', 'B:UserPurgedZone'],
    setup: { A: 'succeeded', B: 'succeeded' }, pushes: ['delivered'],
  },
  'account-sign-out': {
    objects: { A: ['Item:Eggs', 'Item:Milk'], B: ['Item:Eggs', 'Item:Milk'] },
    errors: [], resets: ['B:AccountLogout', 'B:AccountLogin'],
    setup: { A: 'succeeded', B: 'succeeded' }, pushes: ['delivered'],
  },
  'history-purged': {
    objects: { A: ['Item:Bread', 'Item:Butter', 'Item:Eggs', 'Item:Milk'], B: ['Item:Bread', 'Item:Butter', 'Item:Eggs', 'Item:Milk'] },
    errors: [], resets: ['A:HistoryExpired'],
    setup: { A: 'succeeded', B: 'succeeded' }, pushes: ['delivered'],
  },
  'out-of-order-relationship': {
    objects: { A: ['Item:Milk', 'ShoppingList:Groceries'], B: ['Item:Milk', 'ShoppingList:Groceries'] },
    errors: ['6'], resets: [],
    setup: { A: 'succeeded', B: 'succeeded' }, pushes: ['delivered'],
  },
  'duplicate-seed-data': {
    objects: { A: ['ShoppingList:Groceries', 'ShoppingList:Groceries'], B: ['ShoppingList:Groceries', 'ShoppingList:Groceries'] },
    errors: [], resets: [],
    setup: { A: 'succeeded', B: 'succeeded' }, pushes: ['delivered'],
  },
  'atomic-batch-bad-record': {
    objects: { A: ['Item:bad', 'Item:ok 1', 'Item:ok 2'], B: [] },
    errors: ['2/12', '2/22'], resets: [],
    setup: { A: 'succeeded', B: 'succeeded' }, pushes: [],
  },
  'long-partition': {
    objects: { A: ['1000 objects', 'Item:Item 0', 'Item:Item 1', 'Item:Item 10'], B: ['1000 objects', 'Item:Item 0', 'Item:Item 1', 'Item:Item 10'] },
    errors: ['4'], resets: [],
    setup: { A: 'succeeded', B: 'succeeded' }, pushes: ['coalesced', 'delivered', 'held:offline'],
  },
  'benign-134417': {
    objects: { A: ['Item:Eggs', 'Item:Milk'], B: ['Item:Eggs', 'Item:Milk'] },
    errors: [], resets: [],
    setup: { A: 'succeeded', B: 'succeeded' }, pushes: ['delivered'],
  },
  'ui-not-refreshed': {
    objects: { A: ['Item:Coffee'], B: ['Item:Coffee'] },
    errors: [], resets: [],
    setup: { A: 'succeeded', B: 'succeeded' }, pushes: ['delivered'],
  },
  'save-storm-throttle': {
    objects: {
      A: ['Item:from A', 'Item:from B', 'Item:from C', 'Item:from D'],
      B: ['Item:from A', 'Item:from B', 'Item:from C', 'Item:from D'],
      C: ['Item:from A', 'Item:from B', 'Item:from C', 'Item:from D'],
      D: ['Item:from A', 'Item:from B', 'Item:from C', 'Item:from D'],
    },
    errors: ['6'], resets: [],
    setup: { A: 'succeeded', B: 'succeeded', C: 'succeeded', D: 'succeeded' }, pushes: ['delivered'],
  },
  // Sharing scenarios (issue 15) and announced divergences (issue 17 D1, D2): facts as the engine shows them at merge.
  'import-cascade-not-exported': {'objects':{'A':[],'B':['Detail:DETAIL-1']},'errors':[],'resets':[],'setup':{'A':'succeeded','B':'succeeded'},'pushes':['delivered','dropped:policy']},
  'push-budget-misreported': {'objects':{'A':['Item:Eggs','Item:Milk 10','ShoppingList:Groceries'],'C':[],'D':[]},'errors':[],'resets':[],'setup':{'A':'succeeded','C':'succeeded','D':'succeeded'},'pushes':['coalesced','delivered','held:coalesce']},
  'nil-token-fetch-misses-deletion': {'objects':{'A':[],'B':['Item:Milk']},'errors':['21'],'resets':['B:ServerChangeTokenExpired'],'setup':{'A':'succeeded','B':'succeeded'},'pushes':['delivered','dropped:policy']},
  'share-zone-deleted-offline': {'objects':{'A':[],'C':[]},'errors':[],'resets':[],'setup':{'A':'succeeded','C':'succeeded'},'pushes':['delivered','held:offline']},
  'share-accept-edit': {'objects':{'A':['Item:Bread','Item:Eggs','Item:Oat milk','ShoppingList:Groceries'],'A2':['Item:Bread','Item:Eggs','Item:Oat milk','ShoppingList:Groceries'],'C':[]},'errors':[],'resets':[],'setup':{'A':'succeeded','A2':'succeeded','C':'succeeded'},'pushes':['delivered']},
  'share-conflict': {'objects':{'A':['Item:Eggs','Item:Milk','ShoppingList:Groceries'],'A2':['Item:Eggs','Item:Milk','ShoppingList:Groceries'],'C':[],'D':[]},'errors':['2/14'],'resets':[],'setup':{'A':'succeeded','A2':'succeeded','C':'succeeded','D':'succeeded'},'pushes':['delivered','held:offline']},
  'share-participants-change': {'objects':{'A':['Item:Eggs','Item:Milk','ShoppingList:Groceries'],'C':[],'D':[]},'errors':[],'resets':[],'setup':{'A':'succeeded','C':'succeeded','D':'succeeded'},'pushes':['delivered']},
  'share-read-only-edit': {'objects':{'A':['Item:Eggs','Item:Milk','ShoppingList:Groceries'],'C':[]},'errors':['2/10'],'resets':[],'setup':{'A':'succeeded','C':'succeeded'},'pushes':['delivered']},
  'share-record-too-large': {'objects':{'A':['Item:Eggs','Item:Milk','ShoppingList:Groceries'],'C':[]},'errors':['11','2/27'],'resets':[],'setup':{'A':'succeeded','C':'succeeded'},'pushes':[]},
  'share-stop-sharing': {'objects':{'A':['Item:Eggs','Item:Milk','ShoppingList:Groceries'],'C':[]},'errors':[],'resets':[],'setup':{'A':'succeeded','C':'succeeded'},'pushes':['delivered']},
  'share-reuse': {'objects':{'A':['Item:Eggs','Item:Milk','Item:Nails','ShoppingList:Groceries','ShoppingList:Hardware'],'C':[]},'errors':[],'resets':[],'setup':{'A':'succeeded','C':'succeeded'},'pushes':['delivered']},
  'share-zone-limit': {'objects':{'A':['1000 objects','ShoppingList:L0001','ShoppingList:L0002','ShoppingList:L0003'],'C':[]},'errors':['27'],'resets':[],'setup':{'A':'succeeded','C':'succeeded'},'pushes':[]},
};

describe('sandbox scenario library: key facts pinned in the tests', () => {
  it('every scenario has a row, and every row a scenario', () => {
    assert.deepEqual(SCENARIOS.map((s) => s.name).sort(), Object.keys(FACTS).sort());
  });

  for (const s of SCENARIOS) {
    it(`${s.name}: objects, error codes, resets, setup and pushes`, () => {
      const r = runScenario(s);
      assert.equal(r.error, undefined, r.error);
      assert.ok(r.run);
      assert.deepEqual(scenarioFacts(r.run), FACTS[s.name]);
    });
  }
});
