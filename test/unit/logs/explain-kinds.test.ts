import assert from 'node:assert/strict';
import { codeLabel, explain, kindOf } from '../../../src/core/logs/explain';
import type { DecodedError } from '../../../src/core/logs/types';

/**
 * The explainer on hand-made decoded errors: which kind each code, server code or message is, which
 * error of a tree is the cause, the chain, the counts, the names and the message. The code numbers are
 * those of reference/sync-logs.md §3 (CKError codes, NSCocoaErrorDomain 1340xx).
 */
function ck(code: number | undefined, extra: Partial<DecodedError> = {}): DecodedError {
  return { domain: 'CKErrorDomain', form: 'description', code, partialErrors: [], underlying: [], start: 0, end: 1, ...extra };
}
function cocoa(code: number, extra: Partial<DecodedError> = {}): DecodedError {
  return { domain: 'NSCocoaErrorDomain', form: 'nserror', code, partialErrors: [], underlying: [], start: 0, end: 1, ...extra };
}
function message(pattern: string, facts: Record<string, string> = {}): DecodedError {
  return { domain: 'message', form: 'message', partialErrors: [], underlying: [], start: 0, end: 1, facts: { pattern, ...facts } };
}

describe('sync logs: error kinds and the explanation of a tree', () => {
  it('each CKError code (and server code) is its kind', () => {
    const cases: [DecodedError, string][] = [
      [ck(12, { serverCode: 2006 }), 'production-schema'],
      [ck(12, { serverCode: 2015 }), 'not-queryable'],
      [ck(12, { serverCode: 1020 }), 'too-many-items'],
      [ck(27, { serverCode: 2023 }), 'record-too-large'],
      [ck(1, { serverCode: 1000 }), 'asset-auth-token'],
      [ck(1), 'internal-error'],
      [ck(1, { serverCode: 1001 }), 'internal-error'],
      [ck(2), 'partial-failure'],
      [ck(3), 'network'], [ck(4), 'network'],
      [ck(5), 'bad-container'],
      [ck(6), 'service-unavailable'],
      [ck(7), 'rate-limited'],
      [ck(9), 'not-authenticated'],
      [ck(10), 'permission-failure'],
      [ck(11), 'unknown-item'],
      [ck(12), 'invalid-arguments'],
      [ck(12, { serverCode: 2000 }), 'invalid-arguments'],
      [ck(14), 'server-record-changed'],
      [ck(15), 'server-rejected'],
      [ck(21), 'change-token-expired'],
      [ck(22), 'batch-request-failed'],
      [ck(23), 'zone-busy'],
      [ck(25), 'quota-exceeded'],
      [ck(26), 'zone-not-found'],
      [ck(27), 'limit-exceeded'],
      [ck(28), 'user-deleted-zone'],
      [ck(36), 'account-temporarily-unavailable'],
      [ck(99), 'ckerror-other'],
      [ck(undefined), 'ckerror-other'],
    ];
    for (const [e, id] of cases) assert.equal(kindOf(e).id, id, `${codeLabel(e)}`);
  });

  it('a server message names the kind when the code does not', () => {
    const said = (serverMessage: string) => ck(undefined, { serverMessage });
    assert.equal(kindOf(said("Cannot create or modify field 'CD_x' in record 'CD_Y' in production schema")).id, 'production-schema');
    assert.equal(kindOf(said("Field 'CD_x' is not marked queryable")).id, 'not-queryable');
    assert.equal(kindOf(said('exceeded the maximum number of items in a single request')).id, 'too-many-items');
    assert.equal(kindOf(said('record too large')).id, 'record-too-large');
    assert.equal(kindOf(ck(undefined, { description: 'No authToken received for asset' })).id, 'asset-auth-token');
    assert.equal(kindOf(said('record to insert already exists')).id, 'zone-share-exists');
    assert.equal(kindOf(said('subscription is duplicate of another')).id, 'subscription-duplicate');
    // The same words in a description count too; other words do not.
    assert.equal(kindOf(ck(undefined, { description: 'x in production schema' })).id, 'production-schema');
    assert.equal(kindOf(said('something else')).id, 'ckerror-other');
  });

  it('each NSCocoaErrorDomain code is its kind; another domain is "other"', () => {
    const cases: [number, string][] = [
      [134060, 'model-validation'], [134301, 'history-expired'], [134400, 'no-icloud-account'], [134406, 'setup-never-initialized'],
      [134407, 'store-removed'], [134410, 'multiple-containers'], [134422, 'multiple-containers'], [134405, 'identity-changed'],
      [134415, 'identity-changed'], [134416, 'identity-changed'], [134417, 'pending-request'], [134419, 'deferred-by-system'],
      [134402, 'unhandled-exception'], [134420, 'unhandled-exception'], [134421, 'unhandled-exception'], [134404, 'import-errors'],
    ];
    for (const [code, id] of cases) assert.equal(kindOf(cocoa(code)).id, id, String(code));
    assert.equal(kindOf(cocoa(134999)).id, 'error-other');
    assert.equal(kindOf({ ...cocoa(134060), code: undefined }).id, 'error-other');
    assert.equal(kindOf({ ...cocoa(134060), domain: 'NSPOSIXErrorDomain' }).id, 'error-other');
    assert.equal(kindOf({ ...ck(12, { serverCode: 2006 }), domain: 'Other' }).id, 'error-other');
  });

  it('message patterns are their kinds; the dasd group policy only with its policy named', () => {
    assert.equal(kindOf(message('entitlement')).id, 'missing-entitlement');
    assert.equal(kindOf(message('teardown')).id, 'store-torn-down');
    assert.equal(kindOf(message('skipping-migration')).id, 'metadata-migration-skipped');
    assert.equal(kindOf(message('exporter-caught-up')).id, 'exporter-caught-up');
    assert.equal(kindOf(message('dasd-must-not-proceed', { policy: 'Activity Group Policy' })).id, 'dasd-group-policy');
    assert.equal(kindOf(message('dasd-must-not-proceed', { policy: 'Thermal Policy' })).id, 'dasd-throttled');
    assert.equal(kindOf(message('dasd-must-not-proceed')).id, 'dasd-throttled');
    assert.equal(kindOf(message('unknown-pattern')).id, 'error-other');
  });

  it('a lone error is its own cause; its chain is its code', () => {
    const x = explain(ck(25, { serverCode: 2035, serverMessage: 'Quota exceeded', retryAfterSeconds: 315 }));
    assert.equal(x.kind.id, 'quota-exceeded');
    assert.equal(x.classification, 'needs-action');
    assert.deepEqual([x.chain, x.codes, x.affectedItems, x.retryAfterSeconds], [['25/2035'], ['25/2035'], 0, 315]);
    assert.equal(x.message, 'User\'s iCloud storage is full (25/2035 Quota Exceeded): Quota exceeded; retry after 315 s');
  });

  it('a partial failure is explained by what it holds; the most serious kind wins; affected items count the omitted batch errors', () => {
    const field = ck(12, { serverCode: 2006, name: 'Invalid Arguments', serverMessage: "Cannot create or modify field 'CD_isChecked' in record 'CD_Item' in production schema", container: 'iCloud.x' });
    const batch = ck(22, { serverCode: 2024 });
    const root = ck(2, { serverCode: 1011, partialErrors: [batch, field, batch], omittedBatchErrors: 44 });
    const x = explain(root);
    assert.equal(x.kind.id, 'production-schema');
    assert.equal(x.cause, field);
    assert.deepEqual(x.chain, ['2/1011', '12/2006']);
    assert.deepEqual(x.codes, ['2/1011', '22/2024', '12/2006']);
    assert.equal(x.affectedItems, 47);
    assert.deepEqual([x.recordType, x.field, x.container], ['CD_Item', 'CD_isChecked', 'iCloud.x']);
    assert.equal(x.message, "Field or record type missing from the production schema (12/2006 Invalid Arguments): Cannot create or modify field 'CD_isChecked' in record 'CD_Item' in production schema; via 2/1011; 47 items failed with it");
  });

  it('a partial failure with no children is its own cause; a 134406 wrapper leads to the CKError inside', () => {
    assert.equal(explain(ck(2, { serverCode: 1011 })).kind.id, 'partial-failure');
    const inner = ck(3);
    const x = explain(cocoa(134406, { underlying: [inner] }));
    assert.equal(x.cause, inner);
    assert.deepEqual(x.chain, ['134406', '3']);
    assert.equal(x.kind.id, 'network');
    assert.equal(explain(cocoa(134406)).kind.id, 'setup-never-initialized');
  });

  it('the first error of the highest classification is the cause; an equal one later does not replace it', () => {
    const a = ck(6);
    const b = ck(7);
    assert.equal(explain(ck(2, { partialErrors: [a, b] })).cause, a);
    const c = ck(10);
    assert.equal(explain(ck(2, { partialErrors: [a, c, ck(5)] })).cause, c);
    // A benign error never replaces a transient one.
    assert.equal(explain(ck(2, { partialErrors: [a, ck(22)] })).cause, a);
  });

  it('134060 with a CKError inside is a wrapper; its validator lines become model items', () => {
    const items = cocoa(134060, { facts: { items: 'Item: title\nItem: done\n' } });
    const x = explain(items);
    assert.deepEqual(x.modelItems, ['Item: title', 'Item: done']);
    assert.equal(explain(cocoa(134060)).modelItems, undefined);
    const inner = ck(11);
    assert.equal(explain(cocoa(134060, { underlying: [inner] })).cause, inner);
    assert.equal(explain(cocoa(134060, { underlying: [cocoa(134404)] })).kind.id, 'model-validation');
  });

  it('names: a new record type in a message, and the facts of a message pattern', () => {
    assert.equal(explain(ck(12, { serverMessage: 'Cannot create new type CD_Note in production schema' })).recordType, 'CD_Note');
    assert.equal(explain(ck(11, { serverMessage: 'Did not find record type: CD_Tag' })).recordType, 'CD_Tag');
    const f = explain(message('entitlement', { recordType: 'CD_A', field: 'CD_b' }));
    assert.deepEqual([f.recordType, f.field], ['CD_A', 'CD_b']);
    const g = explain(message('entitlement', { recordType: 'CD_A' }));
    assert.deepEqual([g.recordType, 'field' in g], ['CD_A', false]);
    const none = explain(ck(3));
    assert.deepEqual(['recordType' in none, 'field' in none, 'container' in none, 'retryAfterSeconds' in none, 'modelItems' in none], [false, false, false, false, false]);
  });

  it('the container and retry-after are found anywhere in the tree, the first in order', () => {
    const x = explain(ck(2, { partialErrors: [ck(22), ck(7, { retryAfterSeconds: 30, container: 'iCloud.b' })], underlying: [ck(6, { retryAfterSeconds: 60 })] }));
    assert.deepEqual([x.container, x.retryAfterSeconds], ['iCloud.b', 30]);
    assert.equal(explain(ck(2, { container: 'iCloud.a', partialErrors: [ck(7, { container: 'iCloud.b' })] })).container, 'iCloud.a');
    // An empty container is no container.
    assert.equal(explain(ck(2, { container: '', partialErrors: [ck(7, { container: 'iCloud.b' })] })).container, 'iCloud.b');
    assert.equal(explain(ck(6, { retryAfterSeconds: 0 })).retryAfterSeconds, 0);
  });

  it('code labels: client/server, client only, an unknown client code, a Cocoa code, a message pattern, a bare domain', () => {
    assert.equal(codeLabel(ck(12, { serverCode: 2006 })), '12/2006');
    assert.equal(codeLabel(ck(12)), '12');
    assert.equal(codeLabel(ck(undefined, { serverCode: 2006 })), '?/2006');
    assert.equal(codeLabel(cocoa(134060)), '134060');
    assert.equal(codeLabel(message('teardown')), 'teardown');
    assert.equal(codeLabel({ ...ck(undefined), domain: 'SomeDomain' }), 'SomeDomain');
  });

  it('the message: no codes when there are none, the description when there is no server message, long text cut at 200', () => {
    assert.equal(explain(message('teardown')).message, 'Mirroring stopped: store removed');
    assert.equal(explain(ck(3, { description: 'The Internet connection appears to be offline.' })).message,
      'Network failure (3 Network Unavailable): The Internet connection appears to be offline.');
    const long = 'x'.repeat(250);
    const m = explain(ck(15, { serverMessage: long })).message;
    assert.equal(m, `Server rejected the request (15 Server Rejected Request): ${'x'.repeat(199)}…`);
    assert.equal(explain(ck(15, { serverMessage: 'x'.repeat(200) })).message, `Server rejected the request (15 Server Rejected Request): ${'x'.repeat(200)}`);
    // A message that only repeats the title is not said twice.
    assert.equal(explain(ck(15, { serverMessage: 'Server rejected the request' })).message, 'Server rejected the request (15 Server Rejected Request)');
  });
});
