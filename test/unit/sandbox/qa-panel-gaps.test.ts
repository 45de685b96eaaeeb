import assert from 'node:assert/strict';
import { Sandbox, SCENARIOS } from '../../../src/core/sandbox';
import { orderVersionChoices } from '../../../src/core/model/bundle';
import { isHostState, parseToWebview } from '../../../src/protocol/sandbox-messages';
import { SESSION_FORMAT, type SandboxSessionFile } from '../../../src/protocol/session-file';
import { scenarioOfFile } from '../../../webview/session-scenario';
import { setupLabel } from '../../../webview/format';
import { config } from './fixtures';

// Regression tests for gaps found in the sandbox panel's QA pass (docs/sandbox-panel.md).

describe('sandbox panel QA: model version choice', () => {
  it('lists the current version first, then the others by version name', () => {
    const versions = ['ShoppingList.xcdatamodel', 'ShoppingList 10.xcdatamodel', 'ShoppingList 2.xcdatamodel'];
    assert.deepEqual(orderVersionChoices(versions, 'ShoppingList 2.xcdatamodel'),
      ['ShoppingList 2.xcdatamodel', 'ShoppingList.xcdatamodel', 'ShoppingList 10.xcdatamodel']);
    assert.deepEqual(orderVersionChoices(versions, undefined), ['ShoppingList.xcdatamodel', 'ShoppingList 2.xcdatamodel', 'ShoppingList 10.xcdatamodel']);
    // A plist naming a version that is not there marks nothing as current.
    assert.deepEqual(orderVersionChoices(['A.xcdatamodel'], 'Gone.xcdatamodel'), ['A.xcdatamodel']);
  });

  it('keeps the chosen version in the host state, and a picked model in modelChanged', () => {
    assert.ok(isHostState({ modelBundle: 'file:///w/M.xcdatamodeld', modelVersion: 'M.xcdatamodel' }));
    assert.ok(!isHostState({ modelVersion: 3 }));
    const m = parseToWebview({ type: 'modelChanged', model: undefined, modelError: 'x', picked: true });
    assert.equal(m?.type === 'modelChanged' && m.picked, true);
    assert.equal(parseToWebview({ type: 'modelChanged', picked: 'yes' }), undefined);
  });
});

describe('sandbox panel QA: server tombstones are listed', () => {
  it('inspectServer lists each tombstone (record name, type, deletion time), newest first', () => {
    const s = new Sandbox(config());
    s.runUntilIdle();
    const a = s.create('A', 'Item', { title: 'Milk' });
    const b = s.create('A', 'Item', { title: 'Eggs' });
    s.runUntilIdle();
    s.advance(60_000);
    s.delete('A', a);
    s.runUntilIdle();
    const t1 = s.now();
    s.advance(60_000);
    s.delete('A', b);
    s.runUntilIdle();
    const zone = s.inspectServer().databases.flatMap((d) => d.zones).find((z) => z.tombstoneCount > 0);
    assert.ok(zone, 'a zone with tombstones');
    assert.equal(zone.tombstoneCount, 2);
    const list = zone.tombstones ?? [];
    assert.deepEqual(list.map((t) => t.recordType), ['CD_Item', 'CD_Item']);
    // Core Data's record name is the object's id (the sandbox's objects are keyed by it): Eggs (b) went last.
    assert.deepEqual(list.map((t) => t.recordName), [b, a]);
    assert.ok(list[0].deletedT > list[1].deletedT, 'newest first');
    assert.ok(list[1].deletedT <= t1);
    // The inspect limit applies to tombstones too.
    const limited = s.inspectServer({ limit: 1 }).databases.flatMap((d) => d.zones).find((z) => z.tombstoneCount > 0);
    assert.equal(limited?.tombstones?.length, 1);
    assert.equal(limited?.tombstoneCount, 2);
  });
});

describe('sandbox panel QA: a saved scenario reopens with its player', () => {
  const data = SCENARIOS[0];
  const file = (ui: Record<string, unknown> | undefined, inputs = data.steps.slice(0, 2)): SandboxSessionFile => ({
    format: SESSION_FORMAT, version: 1, config: data.config, inputs, eventCount: 0, eventDigest: '', ...(ui ? { ui } : {}),
  } as unknown as SandboxSessionFile);

  it('reads the scenario name and step from the file', () => {
    assert.deepEqual(scenarioOfFile(file({ scenario: data.name, scenarioStep: 2 }), SCENARIOS), { name: data.name, next: 2 });
  });

  it('older files with the name only: the played steps are the scenario steps opening the input log', () => {
    assert.deepEqual(scenarioOfFile(file({ scenario: data.name }), SCENARIOS), { name: data.name, next: Math.min(2, data.steps.length) });
  });

  it('a plain session or an unknown scenario opens as a plain session', () => {
    assert.equal(scenarioOfFile(file(undefined), SCENARIOS), undefined);
    assert.equal(scenarioOfFile(file({ filter: {} }), SCENARIOS), undefined);
    assert.equal(scenarioOfFile(file({ scenario: 'no-such-scenario', scenarioStep: 1 }), SCENARIOS), undefined);
  });
});

describe('sandbox panel QA: labels', () => {
  it('shows the setup state in words', () => {
    assert.equal(setupLabel('notStarted'), 'not started');
    assert.equal(setupLabel('failed'), 'failed');
  });
});
