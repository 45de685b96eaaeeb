import assert from 'node:assert/strict';
import { cloudKitScope, validatedEntities, type CloudKitScope } from '../../../src/core/model/scope';
import type { EntityIR } from '../../../src/core/model/ir';
import type { SyncScope } from '../../../src/core/model/sync-plan';
import { readModelIR } from '../../../src/core/model/xml';

/**
 * Which entities the CloudKit rules look at (scope.ts): the lint modes, the usedWithCloudKit flags, a
 * sync scope from code or the user, and the validated set (mirrored entities plus their ancestors).
 * The models are small XML documents written by us; results are compared whole.
 */

const model = (body: string, modelFlag = false) =>
  readModelIR(`<model${modelFlag ? ' usedWithCloudKit="YES"' : ''}>\n${body}\n</model>`);

const ABC = `<entity name="A"/>
<entity name="B"/>
<entity name="C"/>`;
const CLOUD = '<configuration name="Cloud" usedWithCloudKit="YES"><memberEntity name="A"/></configuration>';
const LOCAL = '<configuration name="Local"><memberEntity name="C"/></configuration>';

/** A scope as plain data, to compare whole. */
const plain = (s: CloudKitScope) => ({
  active: s.active, flagged: s.flagged, defaultConfiguration: s.defaultConfiguration,
  configurations: s.configurations.map((c) => c.name), entities: [...s.entities].sort(), sync: s.sync,
});

describe('model/scope: cloudKitScope', () => {
  it('never: nothing, whatever the flags', () => {
    assert.deepEqual(plain(cloudKitScope(model(`${ABC}\n${CLOUD}`, true), 'never')),
      { active: false, flagged: true, defaultConfiguration: false, configurations: [], entities: [], sync: undefined });
  });

  it('auto is the default mode: no flag, no scope', () => {
    const m = model(ABC);
    assert.deepEqual(plain(cloudKitScope(m)), { active: false, flagged: false, defaultConfiguration: false, configurations: [], entities: [], sync: undefined });
    assert.deepEqual(plain(cloudKitScope(m, 'auto')), plain(cloudKitScope(m)));
  });

  it('auto: a flagged configuration mirrors its members only', () => {
    assert.deepEqual(plain(cloudKitScope(model(`${ABC}\n${CLOUD}\n${LOCAL}`), 'auto')),
      { active: true, flagged: true, defaultConfiguration: false, configurations: ['Cloud'], entities: ['A'], sync: undefined });
  });

  it('always: the Default configuration unless a named one is flagged', () => {
    assert.deepEqual(plain(cloudKitScope(model(ABC), 'always')),
      { active: true, flagged: false, defaultConfiguration: true, configurations: [], entities: ['A', 'B', 'C'], sync: undefined });
    assert.deepEqual(plain(cloudKitScope(model(`${ABC}\n${CLOUD}`), 'always')),
      { active: true, flagged: true, defaultConfiguration: false, configurations: ['Cloud'], entities: ['A'], sync: undefined });
  });

  it('a model-level flag mirrors every entity', () => {
    assert.deepEqual(plain(cloudKitScope(model(ABC, true), 'auto')),
      { active: true, flagged: true, defaultConfiguration: true, configurations: [], entities: ['A', 'B', 'C'], sync: undefined });
  });

  it('not synced by the code: nothing in auto, the flags in always', () => {
    const sync: SyncScope = { synced: false, origin: 'code' };
    const m = model(ABC, true);
    assert.deepEqual(plain(cloudKitScope(m, 'auto', sync)), { active: false, flagged: true, defaultConfiguration: false, configurations: [], entities: [], sync });
    assert.deepEqual(plain(cloudKitScope(m, 'always', sync)), { active: true, flagged: true, defaultConfiguration: true, configurations: [], entities: ['A', 'B', 'C'], sync: undefined });
  });

  it('synced model types: those of the model, inactive when none is', () => {
    const m = model(ABC);
    const some: SyncScope = { synced: true, entities: ['B', 'Z'], origin: 'code' };
    assert.deepEqual(plain(cloudKitScope(m, 'auto', some)), { active: true, flagged: false, defaultConfiguration: false, configurations: [], entities: ['B'], sync: some });
    const none: SyncScope = { synced: true, entities: ['Z'], origin: 'code' };
    assert.deepEqual(plain(cloudKitScope(m, 'auto', none)), { active: false, flagged: false, defaultConfiguration: false, configurations: [], entities: [], sync: none });
  });

  it('synced configurations: Default among others means every entity', () => {
    const m = model(`${ABC}\n${CLOUD}\n${LOCAL}`);
    const sync: SyncScope = { synced: true, configurations: ['Local', 'Default'], origin: 'user' };
    assert.deepEqual(plain(cloudKitScope(m, 'auto', sync)), { active: true, flagged: true, defaultConfiguration: true, configurations: ['Local'], entities: ['A', 'B', 'C'], sync });
    const local: SyncScope = { synced: true, configurations: ['Local'], origin: 'user' };
    assert.deepEqual(plain(cloudKitScope(m, 'auto', local)), { active: true, flagged: true, defaultConfiguration: false, configurations: ['Local'], entities: ['C'], sync: local });
  });

  it('synced with no list: every entity, as the Default configuration', () => {
    const sync: SyncScope = { synced: true, origin: 'code' };
    assert.deepEqual(plain(cloudKitScope(model(ABC), 'auto', sync)), { active: true, flagged: false, defaultConfiguration: true, configurations: [], entities: ['A', 'B', 'C'], sync });
  });
});

describe('model/scope: validatedEntities', () => {
  const scopeOf = (active: boolean, names: string[]): CloudKitScope =>
    ({ active, flagged: true, defaultConfiguration: false, configurations: [], entities: new Set(names) });
  const names = (es: readonly EntityIR[]) => es.map((e) => e.name);

  it('an inactive scope validates nothing, even with entities listed', () => {
    assert.deepEqual(validatedEntities(model(ABC), scopeOf(false, ['A'])), []);
  });

  it('adds the ancestors of mirrored entities, in model order; the first of two same-named entities decides', () => {
    const m = model(`<entity name="Root"/>
<entity name="Mid" parentEntity="Root"/>
<entity name="Leaf" parentEntity="Mid"/>
<entity name="Other"/>
<entity name="Dup" parentEntity="Other"/>
<entity name="Dup"/>`);
    assert.deepEqual(names(validatedEntities(m, scopeOf(true, ['Leaf']))), ['Root', 'Mid', 'Leaf']);
    assert.deepEqual(names(validatedEntities(m, scopeOf(true, ['Dup']))), ['Other', 'Dup', 'Dup']);
  });

  it('uses the index the caller gives instead of building one', () => {
    const m = model('<entity name="A" parentEntity="P"/>\n<entity name="P"/>\n<entity name="Q"/>');
    const [a, , q] = m.entities;
    // The caller's index says A inherits from Q: that is what is followed.
    const index = new Map<string, EntityIR>([['A', { ...a, parentEntity: 'Q' } as EntityIR], ['Q', q]]);
    assert.deepEqual(names(validatedEntities(m, scopeOf(true, ['A']), index)), ['A', 'Q']);
    assert.deepEqual(names(validatedEntities(m, scopeOf(true, ['A']))), ['A', 'P']);
  });
});
