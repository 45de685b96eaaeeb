import assert from 'node:assert/strict';
import type { SandboxEvent } from '../../../src/core/sandbox/api';
import {
  SESSION_FILE_SUFFIX, SESSION_FORMAT, SESSION_VERSION, digestEvents, parseSessionFile, parseSessionText, serializeSession,
} from '../../../src/core/sandbox/session-file';
import type { SandboxSessionFile, SessionParse } from '../../../src/core/sandbox/session-file';
import { config } from './fixtures';

/**
 * The `*.cksandbox.json` codec (session-file.ts): the format and version checks with their exact messages,
 * each damaged part of a file, the digest option, the written text and the event-log digest. The sessions are
 * written by us; the expected digests were computed by us with an independent FNV-1a (Python).
 */
const SESSION: SandboxSessionFile = {
  format: 'cloudkit-sandbox-session', version: 1, config: config(), inputs: [{ type: 'note', text: 'hi' }], eventCount: 3, eventDigest: '0badf00d',
};

const err = (p: SessionParse): string => (p.ok ? 'ok' : p.error);
const check = (x: unknown, requireDigest?: boolean): string => err(parseSessionFile(x, requireDigest === undefined ? {} : { requireDigest }));

describe('sandbox: session file constants', () => {
  it('pins the format name, version and suffix', () => {
    assert.equal(SESSION_FORMAT, 'cloudkit-sandbox-session');
    assert.equal(SESSION_VERSION, 2);
    assert.equal(SESSION_FILE_SUFFIX, '.cksandbox.json');
  });
});

describe('sandbox: session file checks', () => {
  it('accepts a version-1 and a version-2 session and returns it as it is', () => {
    const p = parseSessionFile(SESSION);
    assert.ok(p.ok);
    assert.equal(p.session, SESSION);
    assert.equal(check({ ...SESSION, version: 2 }), 'ok');
  });

  it('refuses what is not a JSON object', () => {
    for (const x of [null, [], 'text', 3]) assert.equal(check(x), 'the file does not hold a JSON object', JSON.stringify(x));
  });

  it('refuses another format, naming what it found', () => {
    assert.equal(check({ ...SESSION, format: 'other' }), 'not a CloudKit sandbox session (expected "format": "cloudkit-sandbox-session", found "other")');
    const { format: _f, ...noFormat } = SESSION;
    assert.equal(check(noFormat), 'not a CloudKit sandbox session (expected "format": "cloudkit-sandbox-session", found undefined)');
  });

  it('refuses a version that is not a positive integer', () => {
    for (const version of [0, -1, 1.5, '1', null, undefined]) assert.equal(check({ ...SESSION, version }), 'the session has no valid "version"', String(version));
  });

  it('refuses a newer version with an explanation', () => {
    assert.equal(check({ ...SESSION, version: 3 }),
      'the session was written by a newer version of CloudKit DevTools (session format 3, newer than this build understands: it reads up to 2). Update the extension to open it.');
  });

  it('refuses a config without a model object, devices list or numeric seed', () => {
    const msg = 'the session has no valid "config" (model, seed, devices)';
    assert.equal(check({ ...SESSION, config: null }), msg);
    assert.equal(check({ ...SESSION, config: [] }), msg);
    assert.equal(check({ ...SESSION, config: { ...SESSION.config, model: 'm' } }), msg);
    assert.equal(check({ ...SESSION, config: { ...SESSION.config, devices: { A: {} } } }), msg);
    assert.equal(check({ ...SESSION, config: { ...SESSION.config, seed: '42' } }), msg);
    // The engine checks the rest of the config when it replays: a seed of 1.5 passes here.
    assert.equal(check({ ...SESSION, config: { ...SESSION.config, seed: 1.5 } }), 'ok');
  });

  it('refuses inputs that are not a list of objects with a string type', () => {
    const msg = 'the session has no valid "inputs" list';
    assert.equal(check({ ...SESSION, inputs: undefined }), msg);
    assert.equal(check({ ...SESSION, inputs: [null] }), msg);
    assert.equal(check({ ...SESSION, inputs: [{ type: 'note' }, { type: 3 }] }), msg);
    assert.equal(check({ ...SESSION, inputs: [] }), 'ok');
  });

  it('requires the log digest by default, not when told otherwise', () => {
    const msg = 'the session has no "eventCount"/"eventDigest"';
    assert.equal(check({ ...SESSION, eventCount: undefined }), msg);
    assert.equal(check({ ...SESSION, eventDigest: 5 }), msg);
    assert.equal(check({ ...SESSION, eventCount: '3' }, true), msg);
    assert.equal(check({ ...SESSION, eventCount: undefined, eventDigest: undefined }, false), 'ok');
  });

  it('refuses a damaged modelFile or ui entry and accepts well-formed ones', () => {
    assert.equal(check({ ...SESSION, modelFile: { path: 'M.xcdatamodeld', label: 'v2' }, ui: { tab: 'log' } }), 'ok');
    assert.equal(check({ ...SESSION, modelFile: 'M.xcdatamodeld' }), 'the session\'s "modelFile" entry is damaged');
    assert.equal(check({ ...SESSION, modelFile: { label: 'v2' } }), 'the session\'s "modelFile" entry is damaged');
    assert.equal(check({ ...SESSION, modelFile: null }), 'the session\'s "modelFile" entry is damaged');
    assert.equal(check({ ...SESSION, ui: [] }), 'the session\'s "ui" entry is damaged');
    assert.equal(check({ ...SESSION, ui: 'x' }), 'the session\'s "ui" entry is damaged');
  });

  it('checks in order: format, version, config, inputs, digest, modelFile, ui', () => {
    assert.equal(check({ format: 'x', version: 0 }), 'not a CloudKit sandbox session (expected "format": "cloudkit-sandbox-session", found "x")');
    assert.equal(check({ format: SESSION_FORMAT, version: 0, config: null }), 'the session has no valid "version"');
    assert.equal(check({ format: SESSION_FORMAT, version: 9, config: null }), 'the session was written by a newer version of CloudKit DevTools (session format 9, newer than this build understands: it reads up to 2). Update the extension to open it.');
    assert.equal(check({ format: SESSION_FORMAT, version: 1, config: null, inputs: null }), 'the session has no valid "config" (model, seed, devices)');
    assert.equal(check({ ...SESSION, inputs: null, eventCount: null }), 'the session has no valid "inputs" list');
    assert.equal(check({ ...SESSION, eventCount: null, modelFile: 1 }), 'the session has no "eventCount"/"eventDigest"');
    assert.equal(check({ ...SESSION, modelFile: 1, ui: 1 }), 'the session\'s "modelFile" entry is damaged');
  });
});

describe('sandbox: session file text', () => {
  it('parses the text of a session', () => {
    const p = parseSessionText(JSON.stringify(SESSION));
    assert.ok(p.ok);
    assert.deepEqual(p.session, SESSION);
  });

  it('says why damaged JSON cannot be read, with the parser\'s own message', () => {
    const text = '{"format": "cloudkit-sandbox-session", ';
    let parserMessage = '';
    try { JSON.parse(text); } catch (e) { parserMessage = (e as Error).message; }
    assert.equal(err(parseSessionText(text)), `the file is damaged: the session is not valid JSON (${parserMessage})`);
  });

  it('passes the digest option on', () => {
    const text = JSON.stringify({ ...SESSION, eventCount: undefined });
    assert.equal(err(parseSessionText(text)), 'the session has no "eventCount"/"eventDigest"');
    assert.equal(err(parseSessionText(text, { requireDigest: false })), 'ok');
  });

  it('writes 2-space indented JSON in the object\'s key order with a final newline', () => {
    const s = { format: SESSION_FORMAT, version: 1, config: { seed: 1 }, inputs: [], eventCount: 0, eventDigest: 'x' } as unknown as SandboxSessionFile;
    assert.equal(serializeSession(s), '{\n  "format": "cloudkit-sandbox-session",\n  "version": 1,\n  "config": {\n    "seed": 1\n  },\n  "inputs": [],\n  "eventCount": 0,\n  "eventDigest": "x"\n}\n');
  });
});

describe('sandbox: event-log digest', () => {
  const note = (seq: number, text: string): SandboxEvent => ({ seq, t: 0, kind: 'note', text });

  it('is FNV-1a chained over each event\'s JSON, as 8 hex digits', () => {
    assert.equal(digestEvents([]), '811c9dc5');
    assert.equal(digestEvents([note(0, 'a'), note(1, 'b')]), '58ddb18b');
  });

  it('keeps leading zeros', () => {
    assert.equal(digestEvents([note(0, 'x9')]), '0f314716');
  });

  it('depends on the order of the events', () => {
    assert.notEqual(digestEvents([note(1, 'b'), note(0, 'a')]), '58ddb18b');
  });
});
