import assert from 'node:assert/strict';
import { decodeModelBytes, maxBytesOf, tooLargeProblem } from '../../../src/core/model/xml/decode';

/**
 * Bytes → text for `contents` files: the size limit, UTF-16 and binary detection, BOM handling and the
 * offset named in the "not valid UTF-8" message. The byte sequences are written by us; the expected
 * offsets follow from the UTF-8 rules (RFC 3629 §4: lead bytes C2–DF, E0–EF, F0–F4).
 */

const enc = new TextEncoder();
const bytes = (...parts: (number | string)[]): Uint8Array =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...enc.encode(p)] : [p])));

const UTF16 = { message: 'This file is UTF-16 encoded; Core Data model files are UTF-8 (Xcode writes encoding="UTF-8"). Re-save it as UTF-8.', span: { start: 0, end: 0 }, severity: 'error' };
const BINARY = { message: 'This file is binary, not a Core Data model (it contains NUL bytes).', span: { start: 0, end: 0 }, severity: 'error' };
const invalidAt = (at: number) => ({
  message: `This file is not valid UTF-8 (first invalid byte at offset ${at}); Core Data model files are UTF-8. Re-save it as UTF-8.`,
  span: { start: 0, end: 0 }, severity: 'error',
});

describe('model/xml decode', () => {
  it('maxBytesOf: a positive finite size in MB, else the 10 MB default', () => {
    const ten = 10 * 1024 * 1024;
    assert.deepEqual([undefined, NaN, Infinity, -Infinity, 0, -1].map(maxBytesOf), [ten, ten, ten, ten, ten, ten]);
    assert.equal(maxBytesOf(1.5), 1572864);
    assert.equal(maxBytesOf(0.001), 1048); // floored
  });

  it('tooLargeProblem is a warning at the start of the file with both sizes in MB', () => {
    assert.deepEqual(tooLargeProblem(3 * 1024 * 1024, 1024 * 1024), {
      message: 'File too large to lint (3.0 MB; the limit is 1.0 MB, setting cloudkit.lint.maxFileSizeMB).',
      span: { start: 0, end: 0 }, severity: 'warning',
    });
  });

  it('decodes bytes exactly at the size limit; one byte over is too large', () => {
    const ok = bytes('<model/>');
    const mb = ok.length / (1024 * 1024);
    assert.deepEqual(decodeModelBytes(ok, { maxFileSizeMB: mb }), { text: '<model/>', bomStripped: false });
    assert.deepEqual(decodeModelBytes(bytes('<model/> '), { maxFileSizeMB: mb }), { problem: tooLargeProblem(9, 8), bomStripped: false });
  });

  it('reports UTF-16 by either byte-order mark, and only by a whole one', () => {
    assert.deepEqual(decodeModelBytes(bytes(0xfe, 0xff)), { problem: UTF16, bomStripped: false });
    assert.deepEqual(decodeModelBytes(bytes(0xff, 0xfe)), { problem: UTF16, bomStripped: false });
    assert.deepEqual(decodeModelBytes(bytes(0xfe, 0xff, 0, 0x3c)), { problem: UTF16, bomStripped: false });
    // Half a mark, or a mark byte in second place, is invalid UTF-8 at the first of those bytes.
    assert.deepEqual(decodeModelBytes(bytes(0xfe, '<')), { problem: invalidAt(0), bomStripped: false });
    assert.deepEqual(decodeModelBytes(bytes(0xff, '<')), { problem: invalidAt(0), bomStripped: false });
    assert.deepEqual(decodeModelBytes(bytes('<', 0xff)), { problem: invalidAt(1), bomStripped: false });
    assert.deepEqual(decodeModelBytes(bytes('<', 0xfe)), { problem: invalidAt(1), bomStripped: false });
    assert.deepEqual(decodeModelBytes(bytes(0xfe)), { problem: invalidAt(0), bomStripped: false });
  });

  it('looks for NUL bytes in the first 8192 bytes only', () => {
    const at = (i: number): Uint8Array => {
      const b = new Uint8Array(9000).fill(0x20);
      b[i] = 0;
      return b;
    };
    assert.deepEqual(decodeModelBytes(at(8191)), { problem: BINARY, bomStripped: false });
    // Past the probe a NUL is text as far as decoding goes (the XML parser rejects it later).
    assert.equal(decodeModelBytes(at(8192)).text?.length, 9000);
    assert.equal(decodeModelBytes(at(8500)).problem, undefined);
    assert.deepEqual(decodeModelBytes(bytes('<a', 0, '/>')), { problem: BINARY, bomStripped: false });
  });

  it('strips a whole UTF-8 BOM only, and says so even when the rest is invalid', () => {
    assert.deepEqual(decodeModelBytes(bytes(0xef, 0xbb, 0xbf)), { text: '', bomStripped: true });
    assert.deepEqual(decodeModelBytes(bytes(0xef, 0xbb, 0xbf, '<a/>')), { text: '<a/>', bomStripped: true });
    assert.deepEqual(decodeModelBytes(bytes('abc')), { text: 'abc', bomStripped: false });
    assert.deepEqual(decodeModelBytes(bytes(0xef, 0xbb, 0xbf, 0xff)), { problem: invalidAt(3), bomStripped: true });
    // Two of the three BOM bytes in place: no BOM.
    assert.deepEqual(decodeModelBytes(bytes('a', 0xbb, 0xbf)), { problem: invalidAt(1), bomStripped: false });
    assert.deepEqual(decodeModelBytes(bytes(0xef, 'a', 0xbf)), { problem: invalidAt(0), bomStripped: false });
    assert.deepEqual(decodeModelBytes(bytes(0xef, 0xbb, 'a')), { problem: invalidAt(0), bomStripped: false });
    assert.deepEqual(decodeModelBytes(bytes('ab', 0xbf)), { problem: invalidAt(2), bomStripped: false });
  });

  it('names the first invalid byte after valid 1- to 4-byte sequences', () => {
    const offset = (...parts: (number | string)[]): number | undefined => {
      const m = /at offset (\d+)\)/.exec(decodeModelBytes(bytes(...parts)).problem?.message ?? '');
      return m ? Number(m[1]) : undefined;
    };
    assert.equal(offset('a', 0x80, 'a'), 1); // a lone continuation byte
    assert.equal(offset(0x80, 0x80, 0x80, 0x80, 0xff), 0); // a continuation byte never leads, even before others
    assert.equal(offset(0xc1, 0x81), 0); // C0/C1: overlong, never a lead
    assert.equal(offset(0xc2, 0xa9, 0xff), 2); // © then junk
    assert.equal(offset(0xdf, 0xbf, 0xff), 2);
    assert.equal(offset(0xe0, 0xa0, 0x80, 0xff), 3);
    assert.equal(offset(0xe2, 0x82, 0xac, 0xff), 3); // €
    assert.equal(offset(0xef, 0xbf, 0xbd, 0xff), 3); // U+FFFD
    assert.equal(offset(0xf0, 0x9f, 0x98, 0x80, 0xff), 4); // an emoji
    assert.equal(offset(0xf4, 0x8f, 0xbf, 0xbf, 0xff), 4); // U+10FFFF
    assert.equal(offset(0xf5, 0x80, 0x80, 0x80), 0); // beyond U+10FFFF
    assert.equal(offset('a', 0xff, 0x80), 1);
    assert.equal(offset(0xc2, 0x41), 0); // a lead byte without its continuation
    assert.equal(offset('ab', 0xe2, 0x82, 'c'), 2);
  });
});
