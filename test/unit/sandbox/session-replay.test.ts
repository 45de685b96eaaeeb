import assert from 'node:assert/strict';
import type { SandboxConfig, SandboxInput, SavedSession } from '../../../src/core/sandbox/api';
import { SessionFormatError } from '../../../src/core/sandbox/api';
import { Sandbox } from '../../../src/core/sandbox/sandbox';
import { loadSession } from '../../../src/core/sandbox/session-replay';
import { digestEvents } from '../../../src/core/sandbox/session-file';
import { config } from './fixtures';

/**
 * Replaying a saved session (session-replay.ts): a session loads from text or from parsed data, replays to the
 * same log, and each kind of damage is a SessionFormatError with its exact message. The sessions are written
 * by us from small configs.
 */
function saved(inputs: readonly SandboxInput[], c: SandboxConfig = config()): SavedSession {
  const s = new Sandbox(c);
  for (const i of inputs) s.apply(i);
  return s.save();
}

function refusal(data: unknown, options?: { verify?: boolean }): string {
  try {
    loadSession(data, options);
  } catch (e) {
    assert.ok(e instanceof SessionFormatError, `not a SessionFormatError: ${String(e)}`);
    return e.message;
  }
  return 'loaded';
}

describe('sandbox: session replay', () => {
  it('replays a saved session to the same log, from parsed data and from its text', () => {
    const s = new Sandbox(config());
    s.create('A', 'Item', { title: 'Milk' });
    s.runUntilIdle();
    const file = s.save();
    for (const data of [file, JSON.stringify(file)]) {
      const r = loadSession(data);
      assert.equal(r.eventCount, s.eventCount);
      assert.equal(digestEvents(r.events()), file.eventDigest);
      assert.deepEqual(r.save(), file);
    }
  });

  it('replays a hand-written session without a digest, without comparing logs', () => {
    const r = loadSession({ format: 'cloudkit-sandbox-session', version: 1, config: config(), inputs: [{ type: 'note', text: 'hi' }] });
    assert.deepEqual(r.events().slice(-2).map((e) => e.kind), ['input', 'note']);
    assert.equal(r.save().eventCount, r.eventCount);
  });

  it('refuses a file the codec refuses, with the codec\'s message', () => {
    assert.match(refusal('{'), /^the file is damaged: the session is not valid JSON \(/);
    assert.equal(refusal({ format: 'x' }), 'not a CloudKit sandbox session (expected "format": "cloudkit-sandbox-session", found "x")');
    assert.equal(refusal(JSON.stringify({ ...saved([]), version: 3 })),
      'the session was written by a newer version of CloudKit DevTools (session format 3, newer than this build understands: it reads up to 2). Update the extension to open it.');
  });

  it('refuses a config the engine refuses', () => {
    assert.equal(refusal({ ...saved([]), config: { ...config(), devices: [{ id: 'A' }] } }), 'the session config is damaged: a session has 2 to 6 devices');
    assert.equal(refusal({ ...saved([]), config: { ...config(), seed: 1.5 } }), 'the session config is damaged: `seed` must be an integer');
  });

  it('refuses an input of an unknown type by its number, quoting at most 80 characters of it', () => {
    const file = saved([{ type: 'note', text: 'hi' }]);
    assert.equal(refusal({ ...file, inputs: [...file.inputs, { type: 'bogus' }] }), 'input #2 is damaged ({"type":"bogus"})');
    const long = { type: 'x'.repeat(100) };
    assert.equal(refusal({ ...file, inputs: [long] }), `input #1 is damaged (${JSON.stringify(long).slice(0, 80)})`);
    assert.equal(JSON.stringify(long).slice(0, 80).length, 80);
  });

  it('refuses an input the engine cannot apply, by number and type', () => {
    const file = saved([]);
    assert.equal(refusal({ ...file, inputs: [{ type: 'note', text: '' }, { type: 'save', device: 'Z', changes: [] }] }),
      "input #2 (save) cannot be replayed: unknown device 'Z' (devices: A, B)");
    assert.equal(refusal({ ...file, inputs: [{ type: 'advance', ms: -1 }] }), 'input #1 (advance) cannot be replayed: advance: `ms` must be a non-negative number');
  });

  it('refuses a replay whose log differs from the saved one, naming both counts and digests', () => {
    const file = saved([{ type: 'note', text: 'hi' }]);
    assert.equal(refusal({ ...file, eventCount: file.eventCount + 1 }),
      `the replay produced a different event log (${file.eventCount} events, digest ${file.eventDigest}; saved: ${file.eventCount + 1} events, digest ${file.eventDigest}); the session was saved by a different engine version`);
    assert.equal(refusal({ ...file, eventDigest: 'deadbeef' }),
      `the replay produced a different event log (${file.eventCount} events, digest ${file.eventDigest}; saved: ${file.eventCount} events, digest deadbeef); the session was saved by a different engine version`);
  });

  it('skips the log comparison when not verifying', () => {
    const file = saved([{ type: 'note', text: 'hi' }]);
    assert.equal(refusal({ ...file, eventDigest: 'deadbeef' }, { verify: false }), 'loaded');
    assert.equal(refusal({ ...file, eventDigest: 'deadbeef' }, { verify: true }).startsWith('the replay produced a different event log'), true);
  });
});
