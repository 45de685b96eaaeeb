import assert from 'node:assert/strict';
import { SCENARIOS, runScenario } from '../../../src/core/sandbox/scenarios';
import { formatTimeline } from '../../../src/core/sandbox/format';

describe('sandbox scenario library', () => {
  it('has at least 20 scenarios covering at least 20 reference numbers, with unique names', () => {
    assert.ok(SCENARIOS.length >= 20);
    assert.ok(new Set(SCENARIOS.map((s) => s.referenceNumber)).size >= 20);
    assert.equal(new Set(SCENARIOS.map((s) => s.name)).size, SCENARIOS.length);
    for (const s of SCENARIOS) {
      assert.ok(s.explanation.length > 40, `${s.name} explains itself`);
      assert.ok(s.source.length > 5, `${s.name} cites a source`);
      // Plain data: a JSON round trip gives back the same value (a function, an undefined field, a Map or a
      // class instance would not survive it, and the strict deepEqual sees the difference).
      const data = { config: s.config, steps: s.steps };
      assert.deepEqual(JSON.parse(JSON.stringify(data)), data, `${s.name} is plain data`);
    }
  });

  for (const s of SCENARIOS) {
    it(`#${s.referenceNumber} ${s.name}: ${s.title}`, () => {
      const r = runScenario(s);
      assert.equal(r.error, undefined, r.error);
      const failed = r.checks.filter((c) => !c.ok);
      assert.ok(r.checks.length > 0);
      assert.deepEqual(failed, [], `failed checks:\n${failed.map((c) => c.description).join('\n')}\n\n${formatTimeline(r.events).slice(-6000)}`);
    });
  }

  it('every eventChangedNotification start has exactly one end, unless the app quit or the account changed meanwhile', () => {
    for (const s of SCENARIOS) {
      const r = runScenario(s);
      const open = new Map<string, { device?: string; t: number }>();
      for (const e of r.events) {
        if (e.kind !== 'cloudkit.event') continue;
        if (e.endDate === null) { assert.ok(!open.has(e.identifier), `${s.name}: duplicate start`); open.set(e.identifier, { device: e.device, t: e.t }); continue; }
        assert.ok(open.delete(e.identifier), `${s.name}: end without start (or a second end)`);
      }
      for (const [id, o] of open) {
        const aborted = r.events.some((x) => x.t >= o.t && x.device === o.device && ((x.kind === 'device.appState' && x.state === 'quit') || x.kind === 'device.account'));
        assert.ok(aborted, `${s.name}: activity ${id} on ${o.device} never ended`);
      }
    }
  });

  it('a scenario check fails when the outcome does not hold (push delivered instead of dropped)', () => {
    const s = SCENARIOS.find((x) => x.name === 'push-dropped')!;
    const altered = { ...s, config: { ...s.config, devices: [{ id: 'A' }, { id: 'B' }] } };
    const r = runScenario(altered);
    assert.equal(r.passed, false);
  });

  it('field missing in production: the partial failure prints like CloudKit logs it', () => {
    const r = runScenario(SCENARIOS.find((x) => x.name === 'field-missing-in-production')!);
    const text = formatTimeline(r.events);
    assert.match(text, /<CKError 0x0: "Partial Failure" \(2\/1011\); "Failed to modify some records"; partial errors: \{ ITEM-1:\(com\.apple\.coredata\.cloudkit\.zone:__defaultOwner__\) = <CKError 0x0: "Invalid Arguments" \(12\/2006\); server message = "Cannot create or modify field 'CD_note' in record 'CD_Item' in production schema">/);
    assert.match(text, /Code=134406 "Request '[0-9A-F-]+' was aborted because the mirroring delegate never successfully initialized/);
  });
});
