import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scenarioCommand } from '../../../src/cli/commands/scenario';
import { Sandbox } from '../../../src/core/sandbox';
import type { SandboxEvent } from '../../../src/core/sandbox';
import { config } from './fixtures';

/** Issue 17 R1-R3: runs are bounded, retries back off, options are checked. */

/** The session file of issue 17 R1, verbatim: a permanent code-34 fault with retry-after 30 s. */
const ISSUE17_SESSION = '{"format":"cloudkit-sandbox-session","version":1,"config":{"model":{"kind":"spec","spec":{"entities":[{"name":"Item","attributes":[{"name":"title","type":"String"}]}]}},"seed":1,"environment":"development","devices":[{"id":"A"},{"id":"B"}]},"inputs":[{"type":"runUntilIdle"},{"type":"addErrorRule","rule":{"id":"r","match":{"op":"modifyRecords"},"error":{"code":34,"retryAfterSeconds":30}}},{"type":"save","device":"A","changes":[{"op":"insert","entity":"Item","values":{"title":"x"}}]},{"type":"runUntilIdle"}]}';

function labels(events: readonly SandboxEvent[]): string[] {
  return events.flatMap((e) => (e.kind === 'engine.willSendChanges' ? [e.label] : []));
}

describe('sandbox reliability (issue 17)', () => {
  it('R1: a retried request keeps one Retry- prefix however often it is retried', () => {
    const s = new Sandbox(config());
    s.runUntilIdle();
    s.apply({ type: 'addErrorRule', rule: { id: 'r', match: { op: 'modifyRecords' }, error: { code: 34, retryAfterSeconds: 30 } } });
    s.create('A', 'Item', { title: 'x' });
    const r = s.runUntilIdle({ maxMs: 3_600_000 });
    const retried = labels(r.events).filter((l) => l.startsWith('Retry-'));
    assert.ok(retried.length > 10, `expected many retries, got ${retried.length}`);
    for (const l of retried) assert.ok(!l.startsWith('Retry-Retry-'), `nested label ${l.slice(0, 40)}`);
  });

  it('R1: a run that hits a bound ends with a warning naming what is still retrying', () => {
    const s = new Sandbox(config());
    s.runUntilIdle();
    s.apply({ type: 'addErrorRule', rule: { id: 'r', match: { op: 'modifyRecords' }, error: { code: 34, retryAfterSeconds: 30 } } });
    s.create('A', 'Item', { title: 'x' });
    const r = s.runUntilIdle({ maxMs: 600_000 });
    assert.equal(r.stoppedBecause, 'maxTime');
    const last = r.events[r.events.length - 1];
    assert.equal(last.kind, 'warning');
    assert.match((last as { message: string }).message, /^Run gave up \(maxTime\) after \d+ events .* still retrying A export after .*\(34\)/);
  });

  it('R1: the issue\'s session replays quickly through `ckdev scenario` and exits 0 with a give-up warning', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckdev-issue17-'));
    const file = path.join(dir, 'issue17.json');
    fs.writeFileSync(file, ISSUE17_SESSION);
    let out = '';
    let err = '';
    const code = await scenarioCommand.run([file], { stdout: (t) => { out += t; }, stderr: (t) => { err += t; } });
    assert.equal(code, 0, err);
    // Since R2 the retries back off exponentially (up to retryMaxMs), so the 7-day run ends on its time bound
    // with a few thousand events instead of on the 50,000-event bound.
    assert.match(out, /Run gave up \(maxTime\) after \d{1,5} events .* still retrying A export after "Server Response Lost" \(34\)/);
    assert.ok(out.length < 5_000_000, `timeline of ${out.length} characters`);
  });
});
