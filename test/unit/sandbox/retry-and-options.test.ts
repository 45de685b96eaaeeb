import assert from 'node:assert/strict';
import { Sandbox, SandboxInputError } from '../../../src/core/sandbox';
import type { JsonValue, SandboxOptions } from '../../../src/core/sandbox';
import { config } from './fixtures';

/** Issue 17 R2 (retry-after 0 still backs off), R3 (setOption ranges, enums, own keys). */

describe('sandbox retries and options (issue 17 R2, R3)', () => {
  it('R2: a permanent fault with retry-after 0 backs off exponentially instead of retrying every round trip', () => {
    const s = new Sandbox(config());
    s.runUntilIdle();
    s.apply({ type: 'addErrorRule', rule: { id: 'r', match: { op: 'modifyRecords' }, error: { code: 34, retryAfterSeconds: 0 } } });
    s.create('A', 'Item', { title: 'x' });
    const r = s.runUntilIdle({ maxMs: 3_600_000 });
    const retries = r.events.flatMap((e) => (e.kind === 'scheduler.retry' ? [e.afterMs] : []));
    assert.ok(retries.length > 5, `${retries.length} retries`);
    assert.ok(retries.length < 60, `${retries.length} retries in one virtual hour (was ~36,000)`);
    assert.ok(r.events.length < 2_000, `${r.events.length} events`);
    for (let i = 1; i < retries.length; i++) assert.ok(retries[i] >= retries[i - 1] * 0.8, `delays grow: ${retries.slice(0, 12).join(', ')}`);
    assert.ok(Math.max(...retries) <= 600_000 * 1.2 + 1, 'capped at retryMaxMs plus jitter');
  });

  it('R2: a retry-after longer than the backoff is waited exactly', () => {
    const s = new Sandbox(config());
    s.runUntilIdle();
    s.apply({ type: 'addErrorRule', rule: { id: 'r', match: { op: 'modifyRecords' }, error: { code: 7, retryAfterSeconds: 30 }, times: 1 } });
    s.create('A', 'Item', { title: 'x' });
    const r = s.runUntilIdle();
    assert.deepEqual(r.events.flatMap((e) => (e.kind === 'scheduler.retry' ? [e.afterMs] : [])), [30_000]);
  });

  const refused: [keyof SandboxOptions | string, JsonValue, RegExp][] = [
    ['importPageSize', 0, /importPageSize' must be an integer from 1/],
    ['exportMaxRecords', 0, /exportMaxRecords' must be an integer from 1/],
    ['exportMaxRecords', 1.5, /integer/],
    ['networkLatencyMs', -1, /from 0/],
    ['flakyFailureRate', 2, /from 0 to 1/],
    ['exportSavePolicy', 'sometimes', /one of 'changedKeys', 'allKeys', 'ifServerRecordUnchanged'/],
    ['deleteVsEdit', 'editWins', /one of/],
    ['diffOnFullRefetch', 'yes', /true or false/],
    ['publicPollIntervalMs', { development: 0 }, /development is an integer from 1/],
    ['publicPollIntervalMs', { staging: 5 }, /only 'development' and 'production'/],
    ['constructor', 1, /unknown option 'constructor'/],
    ['__proto__', {}, /unknown option '__proto__'/],
    ['toString', 'x', /unknown option 'toString'/],
    ['hasOwnProperty', true, /unknown option/],
  ];
  for (const [option, value, re] of refused) {
    it(`R3: setOption ${option}=${JSON.stringify(value)} is refused with a clear error and not recorded`, () => {
      const s = new Sandbox(config());
      const before = s.save().inputs.length;
      assert.throws(() => s.apply({ type: 'setOption', option: option as keyof SandboxOptions, value }), (e: unknown) => e instanceof SandboxInputError && re.test(e.message));
      assert.equal(s.save().inputs.length, before);
    });
  }

  it('R3: valid values (including null for nullable knobs) are accepted', () => {
    const s = new Sandbox(config());
    s.apply({ type: 'setOption', option: 'importPageSize', value: 1 });
    s.apply({ type: 'setOption', option: 'quotaBytes', value: null });
    s.apply({ type: 'setOption', option: 'serverRequestsPerSecond', value: 2 });
    s.apply({ type: 'setOption', option: 'deleteVsEdit', value: 'editResurrects' });
    s.apply({ type: 'setOption', option: 'publicPollIntervalMs', value: { development: 1000, production: 2000 } });
    s.apply({ type: 'setOption', option: 'throttleRetryAfterSeconds', value: 0 });
  });

  it('R3: importPageSize 1 pages through every record and ends (no hang)', () => {
    const s = new Sandbox(config({ options: { importPageSize: 1 } }));
    s.runUntilIdle();
    for (let i = 0; i < 5; i++) s.create('A', 'Item', { title: `t${i}` });
    const r = s.runUntilIdle();
    assert.equal(r.stoppedBecause, 'idle');
    assert.equal(s.inspectDevice('B', { entity: 'Item' }).objects.length, 5);
  });
});
