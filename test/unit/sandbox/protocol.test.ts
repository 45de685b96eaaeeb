import * as assert from 'node:assert/strict';
import { parseFromWebview, parseToWebview, PROTOCOL_VERSION } from '../../../src/protocol/sandbox-messages';
import { parseSessionText, serializeSession, SESSION_FORMAT, SESSION_VERSION, type SandboxSessionFile } from '../../../src/protocol/session-file';
import { contentSecurityPolicy, makeNonce, renderWebviewHtml } from '../../../src/extension/sandbox/webview-html';

const session: SandboxSessionFile = {
  format: SESSION_FORMAT, version: SESSION_VERSION,
  config: { seed: 7, model: { kind: 'spec', spec: { entities: [{ name: 'Item', attributes: [{ name: 'title', type: 'String' }] }] } }, devices: [{ id: 'A' }, { id: 'B' }], environment: 'development' },
  inputs: [{ type: 'step' }], eventCount: 3, eventDigest: 'abc',
};

describe('sandbox protocol', () => {
  describe('parseFromWebview', () => {
    it('accepts each well-formed message', () => {
      assert.deepEqual(parseFromWebview({ type: 'ready', protocol: PROTOCOL_VERSION }), { type: 'ready', protocol: PROTOCOL_VERSION });
      assert.equal(parseFromWebview({ type: 'rendered', devices: 2, entities: 3, events: 10, objects: 3, serverRecords: 3, inputs: 1, clock: 1500 })?.type, 'rendered');
      assert.equal(parseFromWebview({ type: 'saveSession', session, saveAs: false })?.type, 'saveSession');
      assert.equal(parseFromWebview({ type: 'openSession' })?.type, 'openSession');
      assert.equal(parseFromWebview({ type: 'log', level: 'warn', message: 'x' })?.type, 'log');
    });

    it('drops malformed messages and unknown types', () => {
      for (const bad of [null, 42, 'ready', [], {}, { type: 'nope' }, { type: 'ready' }, { type: 'rendered', devices: -1, entities: 0, events: 0, objects: 0, serverRecords: 0, inputs: 0, clock: 0 },
        { type: 'rendered', devices: 1.5, entities: 0, events: 0, objects: 0, serverRecords: 0, inputs: 0, clock: 0 }, { type: 'saveSession', session: { format: 'x' }, saveAs: false },
        { type: 'saveSession', session, saveAs: 'yes' }, { type: 'log', level: 'debug', message: 'x' }]) {
        assert.equal(parseFromWebview(bad), undefined, JSON.stringify(bad));
      }
    });

    it('keeps only the known fields (no smuggled data reaches the host)', () => {
      const m = parseFromWebview({ type: 'openSession', command: 'workbench.action.terminal.new' });
      assert.deepEqual(m, { type: 'openSession' });
    });
  });

  describe('parseToWebview', () => {
    const model = { path: 'M.xcdatamodeld/M.xcdatamodel/contents', label: 'M', model: { entities: [{ name: 'Item', attributes: [{ name: 'title' }], relationships: [] }] } };
    it('accepts init with a model, and without one', () => {
      assert.equal(parseToWebview({ type: 'init', protocol: 1, model })?.type, 'init');
      assert.equal(parseToWebview({ type: 'init', protocol: 1, modelError: 'none' })?.type, 'init');
    });
    it('rejects a model without entity names', () => {
      assert.equal(parseToWebview({ type: 'init', protocol: 1, model: { ...model, model: { entities: [{}] } } }), undefined);
      assert.equal(parseToWebview({ type: 'invoke', action: 'rm -rf' }), undefined);
      assert.equal(parseToWebview({ type: 'loadSession', session: { ...session, version: 99 }, fileName: 'a' }), undefined);
    });
  });
});

describe('sandbox session file', () => {
  it('round-trips through its text form', () => {
    const parsed = parseSessionText(serializeSession(session));
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.session, session);
  });

  it('explains a damaged file', () => {
    const parsed = parseSessionText('{"format": "cloudkit-sandbox-session", ');
    assert.equal(parsed.ok, false);
    assert.match(!parsed.ok ? parsed.error : '', /damaged/);
  });

  it('explains a newer version', () => {
    const parsed = parseSessionText(JSON.stringify({ ...session, version: SESSION_VERSION + 1 }));
    assert.equal(parsed.ok, false);
    assert.match(!parsed.ok ? parsed.error : '', /newer version/);
  });

  it('rejects a session without inputs', () => {
    const parsed = parseSessionText(JSON.stringify({ ...session, inputs: undefined }));
    assert.equal(parsed.ok, false);
    assert.match(!parsed.ok ? parsed.error : '', /inputs/);
  });

  it('rejects another JSON file', () => {
    const parsed = parseSessionText('{"name": "package"}');
    assert.equal(parsed.ok, false);
    assert.match(!parsed.ok ? parsed.error : '', /not a CloudKit sandbox session/);
  });
});

describe('sandbox webview html', () => {
  it('has a strict CSP with the nonce and no network sources', () => {
    const csp = contentSecurityPolicy('https://x.vscode-cdn.net', 'N0NCE');
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-N0NCE'/);
    assert.doesNotMatch(csp, /connect-src|unsafe-inline|unsafe-eval|\*/);
    const html = renderWebviewHtml({ cspSource: 'https://x', scriptUri: 'https://x/main.js', nonce: 'N0NCE' });
    assert.match(html, /<script nonce="N0NCE" src="https:\/\/x\/main.js">/);
  });

  it('makes 32-character alphanumeric nonces', () => {
    let i = 0;
    const nonce = makeNonce((n) => (i++ * 7) % n);
    assert.match(nonce, /^[A-Za-z0-9]{32}$/);
  });
});
