import assert from 'node:assert/strict';
import { cleanValue, closingQuote, matchingClose, skipField, structuralView } from '../../../src/core/logs/description-text';
import { parseNSError } from '../../../src/core/logs/nserror-parser';

/**
 * The text helpers of the error parsers and the NSError reader, on hand-written descriptions in the
 * shapes of reference/sync-logs.md §3: escaped quotes and line breaks, nested braces, cut pastes.
 */
describe('sync logs: description text and NSError descriptions', () => {
  it('structuralView blanks escapes and straightens curly quotes, keeping every offset', () => {
    assert.equal(structuralView('plain "text"'), 'plain "text"');
    const s = 'a \\"b\\" c\\nd \\\\\'e “f”\\tg';
    const v = structuralView(s);
    assert.equal(v.length, s.length);
    assert.equal(v, 'a  "b " c  d   \'e "f"  g');
    // A backslash before other characters stays.
    assert.equal(structuralView('x\\y'), 'x\\y');
  });

  it('cleanValue undoes escapes, joins lines and trims', () => {
    assert.equal(cleanValue('  \\"Partial Failure\\"\\n\\tnext  '), '"Partial Failure" next');
    assert.equal(cleanValue('ends with a backslash\\\\'), 'ends with a backslash');
    assert.equal(cleanValue("it\\'s a \\\\ path"), "it's a \\ path");
    assert.equal(cleanValue('a\n   b\t c'), 'a b c');
    assert.equal(cleanValue(''), '');
  });

  it('closingQuote: a quote followed by a separator, else the next quote, else the end of the line (cut)', () => {
    assert.deepEqual(closingQuote('"a "b" c"; rest', 0), { end: 8, truncated: false });
    assert.deepEqual(closingQuote('"a" b', 0), { end: 2, truncated: false });
    assert.deepEqual(closingQuote('"a "x', 0), { end: 3, truncated: false });
    for (const sep of [';', '>', ',', ')', '}', ']']) assert.deepEqual(closingQuote(`"ab" ${sep}`, 0), { end: 3, truncated: false }, sep);
    assert.deepEqual(closingQuote('"abc"', 0), { end: 4, truncated: false });
    assert.deepEqual(closingQuote('"abc\nnext', 0), { end: 4, truncated: true });
    assert.deepEqual(closingQuote('"abc', 0), { end: 4, truncated: true });
    assert.deepEqual(closingQuote('x "abc";', 2), { end: 6, truncated: false });
  });

  it('skipField steps over quotes and nesting to the ; > or } that ends the field', () => {
    assert.equal(skipField('a b; c', 0), 3);
    assert.equal(skipField('<x; y> z; w', 0), 8);
    assert.equal(skipField('{a; (b; c)} >', 0), 12);
    assert.equal(skipField('"q;>" }', 0), 6);
    assert.equal(skipField('"unclosed; x', 0), 12);
    assert.equal(skipField('no end', 0), 6);
    assert.equal(skipField(') ; x', 0), 2, 'a close with nothing open does not go below zero');
    assert.equal(skipField('ab>', 1), 2);
  });

  it('matchingClose finds the close of each bracket kind, counting nesting, or -1', () => {
    assert.equal(matchingClose('{a{b}c}d', 0), 7);
    assert.equal(matchingClose('x(a(b)c)d', 1), 8);
    assert.equal(matchingClose('[a[b]]', 0), 6);
    assert.equal(matchingClose('<a<b>>', 0), 6);
    assert.equal(matchingClose('{a{b}', 0), -1);
    assert.equal(matchingClose('{a)}', 0), 4);
  });

  it('an NSError: domain, code, message and userInfo with nested values', () => {
    const t = 'Error Domain=NSCocoaErrorDomain Code=134060 "A Core Data error occurred." UserInfo={NSLocalizedFailureReason=CloudKit integration requires that all attributes be optional, reason={a=1, b=(x, y)}, NSUnderlyingError=0x6000 {Error Domain=CKErrorDomain Code=2 "x"}} after';
    const e = parseNSError(t, t, 0)!;
    assert.deepEqual([e.domain, e.code, e.form, e.description, e.start, e.truncated], ['NSCocoaErrorDomain', 134060, 'nserror', 'A Core Data error occurred.', 0, undefined]);
    assert.deepEqual(e.userInfo, {
      NSLocalizedFailureReason: 'CloudKit integration requires that all attributes be optional',
      reason: '{a=1, b=(x, y)}',
      NSUnderlyingError: '0x6000 {Error Domain=CKErrorDomain Code=2 "x"}',
    });
    assert.equal(e.end, t.indexOf(' after'));
  });

  it('an NSError at an offset; a negative code; no message; a message without userInfo', () => {
    const t = 'prefix Error Domain=NSPOSIXErrorDomain Code=-2 UserInfo={k=v}';
    const e = parseNSError(t, t, 7)!;
    assert.deepEqual([e.domain, e.code, e.description, e.userInfo, e.start, e.end], ['NSPOSIXErrorDomain', -2, undefined, { k: 'v' }, 7, t.length]);
    assert.equal(parseNSError(t, t, 0), undefined, 'not at the offset: no error');
    const m = 'Error Domain=CKErrorDomain Code=3 "The Internet connection appears to be offline.") and more';
    const n = parseNSError(m, m, 0)!;
    assert.deepEqual([n.description, n.userInfo, n.end, n.truncated], ['The Internet connection appears to be offline.', undefined, m.indexOf(') and'), undefined]);
    // A quote followed by more words is not the end of the message: without a later one, the message runs to the end (cut).
    const o = 'Error Domain=CKErrorDomain Code=3 "offline" and more';
    assert.deepEqual([parseNSError(o, o, 0)!.description, parseNSError(o, o, 0)!.truncated], ['offline" and more', true]);
  });

  it('a message quoting another description ends at the last quote before UserInfo', () => {
    const t = 'Error Domain=NSCocoaErrorDomain Code=134406 "Request failed: "<CKError: "Partial Failure" (2/1011)>"" UserInfo={a=b}';
    const e = parseNSError(t, t, 0)!;
    assert.equal(e.description, 'Request failed: "<CKError: "Partial Failure" (2/1011)>"');
    assert.deepEqual(e.userInfo, { a: 'b' });
  });

  it('the userInfo of the next error is not this one\'s, unless this one\'s message is quoted (it may quote an error)', () => {
    const t = 'Error Domain=A Code=1 then Error Domain=B Code=2 "second" UserInfo={k=v}';
    const e = parseNSError(t, t, 0)!;
    assert.deepEqual([e.description, e.userInfo, e.end], [undefined, undefined, t.indexOf('then')]);
    const q = 'Error Domain=A Code=1 "wraps Error Domain=B Code=2" UserInfo={k=v}';
    assert.deepEqual([parseNSError(q, q, 0)!.description, parseNSError(q, q, 0)!.userInfo], ['wraps Error Domain=B Code=2', { k: 'v' }]);
  });

  it('cut by the paste: an unclosed message or userInfo is truncated, never read past the text', () => {
    const a = 'Error Domain=CKErrorDomain Code=2 "Partial Fail';
    const e = parseNSError(a, a, 0)!;
    assert.deepEqual([e.description, e.truncated, e.end], ['Partial Fail', true, a.length]);
    const b = 'Error Domain=CKErrorDomain Code=2 "x" UserInfo={k=v, other={';
    const f = parseNSError(b, b, 0)!;
    assert.equal(f.truncated, true);
    assert.equal(f.end, b.length);
    assert.equal(f.userInfo?.k, 'v');
  });

  it('long userInfo values are cut at 300 characters; escaped text is cleaned with offsets from the original', () => {
    const long = 'x'.repeat(400);
    const t = `Error Domain=D Code=1 UserInfo={k=${long}}`;
    assert.equal(parseNSError(t, t, 0)!.userInfo!.k, `${'x'.repeat(299)}…`);
    const exact = `Error Domain=D Code=1 UserInfo={k=${'y'.repeat(300)}}`;
    assert.equal(parseNSError(exact, exact, 0)!.userInfo!.k, 'y'.repeat(300), 'exactly 300 is kept whole');
    const raw = 'Error Domain=D Code=1 \\"msg \\\\ x\\" UserInfo={k=v}';
    const view = structuralView(raw);
    assert.equal(parseNSError(view, raw, 0)!.description, 'msg \\ x');
  });

  it('a userInfo key must start with a letter; keys inside nesting are not top-level', () => {
    const t = 'Error Domain=D Code=1 UserInfo={_k=1, Key2=2, Outer={Inner=3}}';
    assert.deepEqual(parseNSError(t, t, 0)!.userInfo, { Key2: '2', Outer: '{Inner=3}' });
  });
});
