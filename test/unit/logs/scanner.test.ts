import assert from 'node:assert/strict';
import { MAX_ERRORS_PER_ENTRY, scanErrors, signature } from '../../../src/core/logs/error-scanner';
import { mayHoldEventOrError, trie } from '../../../src/core/logs/prefilter';

/**
 * The error scanner's tree building (which error lies inside which, duplicates dropped, the cap per
 * entry, keys printed before a description) and the prefilter's word test, on text written by us.
 */
describe('sync logs: error scanner and prefilter', () => {
  it('an error inside another\'s message is its underlying error; the same error printed twice is kept once', () => {
    const inner = '<CKError 0x2: "Zone Busy" (23/2000)>';
    const text = `Error Domain=NSCocoaErrorDomain Code=134406 "Request failed: ${inner}" UserInfo={NSLocalizedFailureReason=Request failed: ${inner}}`;
    const [root, ...rest] = scanErrors(text);
    assert.equal(rest.length, 0);
    assert.deepEqual([root.code, root.underlying.map((u) => u.code)], [134406, [23]]);
  });

  it('errors side by side are roots in order; one that repeats its parent exactly is dropped', () => {
    const a = '<CKError 0x1: "Zone Busy" (23)>';
    const b = '<CKError 0x2: "Network Unavailable" (3)>';
    assert.deepEqual(scanErrors(`${b} then ${a}`).map((e) => e.code), [3, 23]);
    const same = 'Error Domain=CKErrorDomain Code=23 "Zone Busy" UserInfo={NSUnderlyingError=Error Domain=CKErrorDomain Code=23 "Zone Busy"}';
    const [root] = scanErrors(same);
    assert.deepEqual([root.code, root.underlying.length], [23, 0]);
  });

  it('a message pattern inside its own NSError adds nothing; elsewhere it is an error of its own', () => {
    const own = 'Error Domain=NSCocoaErrorDomain Code=134400 "Unable to initialize without an iCloud account (CKAccountStatusNoAccount)."';
    assert.deepEqual(scanErrors(own).map((e) => [e.code, e.underlying.length]), [[134400, 0]]);
    const apart = 'Unable to initialize without an iCloud account (CKAccountStatusNoAccount).';
    assert.deepEqual(scanErrors(apart).map((e) => [e.form, e.code, e.facts?.status]), [['message', 134400, 'CKAccountStatusNoAccount']]);
  });

  it('a bare error inside a description is not read again; one in prose is', () => {
    assert.equal(scanErrors('<CKError 0x1: "Zone Busy" (23/2000); "x">').length, 1);
    assert.deepEqual(scanErrors('the server said "Zone Busy" (23/2000); and left').map((e) => e.form), ['bare']);
  });

  it('a record key printed before a description on its line', () => {
    const [e] = scanErrors('\tItem-1:(zone:owner) = <CKError 0x1: "Invalid Arguments" (12/2006)>');
    assert.deepEqual([e.record?.recordName, e.record?.zone, e.record?.owner], ['Item-1', 'zone', 'owner']);
    const [z] = scanErrors('zone:owner = "<CKError 0x1: "Zone Not Found" (26/2036)>');
    assert.deepEqual([z.record?.zone, z.record?.owner], ['zone', 'owner']);
    const [n] = scanErrors('failed: <CKError 0x1: "Zone Busy" (23)>');
    assert.equal(n.record, undefined);
  });

  it('at most MAX_ERRORS_PER_ENTRY errors per entry', () => {
    const many = Array.from({ length: MAX_ERRORS_PER_ENTRY + 20 }, (_, i) => `<CKError 0x${i}: "Zone Busy" (23/${2000 + i})>`).join(' ');
    assert.equal(scanErrors(many).length, MAX_ERRORS_PER_ENTRY);
    const nserrors = Array.from({ length: MAX_ERRORS_PER_ENTRY + 5 }, (_, i) => `Error Domain=D Code=${i} "m"`).join(', ');
    assert.equal(scanErrors(nserrors).length, MAX_ERRORS_PER_ENTRY);
  });

  it('nothing error-like: nothing, without parsing', () => {
    assert.deepEqual(scanErrors('CoreData: debug: fetching 12 objects'), []);
  });

  it('signature: domain, codes, message, partial errors and omitted count tell errors apart', () => {
    const base = scanErrors('<CKError 0x1: "Partial Failure" (2/1011); partial errors: { a:(z:o) = <CKError 0x2: "Zone Busy" (23)> }>')[0];
    assert.equal(signature(base), signature({ ...base, start: 99 }));
    for (const change of [{ domain: 'X' }, { code: 3 }, { serverCode: 1 }, { serverMessage: 'm' }, { description: 'd' }, { omittedBatchErrors: 4 }, { partialErrors: [] }]) {
      assert.notEqual(signature({ ...base, ...change }), signature(base), JSON.stringify(change));
    }
    assert.notEqual(signature({ ...base, partialErrors: [{ ...base.partialErrors[0], code: 7 }] }), signature(base));
  });

  it('trie: one alternation with shared prefixes factored, a word that is a prefix of another optional', () => {
    assert.equal(trie([]), '');
    assert.equal(trie(['ab']), 'ab');
    assert.equal(trie(['ab', 'ac']), 'a(?:b|c)');
    assert.equal(trie(['a', 'ab']), 'a(?:b)?');
    assert.equal(trie(['a.b', 'x']), '(?:a\\.b|x)');
    for (const words of [['Finished request', 'Finished automatic', 'Fail'], ['account', 'Account', 'acc']]) {
      const re = new RegExp(`^(?:${trie(words)})$`);
      for (const w of words) assert.ok(re.test(w), w);
      assert.ok(!re.test('Finished'));
      assert.ok(!re.test('ac'));
    }
  });

  it('prefilter: a word at a word start or the text start, from an offset; the bare-error quote; not inside a word', () => {
    assert.equal(mayHoldEventOrError('x <CKError 0x1'), true);
    assert.equal(mayHoldEventOrError('CKError at the start'), true);
    assert.equal(mayHoldEventOrError('myCKError glued'), false);
    assert.equal(mayHoldEventOrError('"Zone Busy" (23)'), true);
    assert.equal(mayHoldEventOrError('”Zone Busy” (23)'), true);
    assert.equal(mayHoldEventOrError('plain chatter line'), false);
    assert.equal(mayHoldEventOrError('CKError then chatter', 1), false, 'the word before the offset is not looked at');
    assert.equal(mayHoldEventOrError('12 CKError', 3), true, 'a word right at the offset counts');
  });
});
