import assert from 'node:assert/strict';
import { fieldsSize, utf8Length, valueSize } from '../../../src/core/sandbox/sizes';

/**
 * Value sizes (sizes.ts): UTF-8 byte counts at each encoding boundary, the size of each value kind in a record,
 * and a record's total. The strings are written by us; expected byte counts follow the UTF-8 table.
 */
describe('sandbox: value sizes', () => {
  it('counts UTF-8 bytes at each encoding boundary', () => {
    assert.equal(utf8Length(''), 0);
    assert.equal(utf8Length('abc'), 3);
    assert.equal(utf8Length('\u007f'), 1);
    assert.equal(utf8Length('\u0080'), 2);
    assert.equal(utf8Length('é'), 2);
    assert.equal(utf8Length('\u07ff'), 2);
    assert.equal(utf8Length('\u0800'), 3);
    assert.equal(utf8Length('€'), 3);
    assert.equal(utf8Length('\uffff'), 3);
    assert.equal(utf8Length('😀'), 4);
    assert.equal(utf8Length('a😀b'), 6);
    assert.equal(utf8Length('\udbff\udfff'), 4);
    // A low surrogate on its own is not the start of a pair.
    assert.equal(utf8Length('\udc00'), 3);
    assert.equal(utf8Length('\ud7ff'), 3);
    assert.equal(utf8Length(Buffer.from('zé€😀', 'utf8').toString('utf8')), Buffer.byteLength('zé€😀', 'utf8'));
  });

  it('sizes each value kind as it counts toward the record limit', () => {
    assert.equal(valueSize(null), 0);
    assert.equal(valueSize(undefined), 0);
    assert.equal(valueSize(''), 0);
    assert.equal(valueSize('héllo'), 6);
    assert.equal(valueSize(0), 8);
    assert.equal(valueSize(3.5), 8);
    assert.equal(valueSize(false), 8);
    assert.equal(valueSize({ kind: 'bytes', length: 1234 }), 1234);
    // An asset is stored outside the record.
    assert.equal(valueSize({ kind: 'asset', length: 900_000, ref: 'a1' }), 0);
  });

  it('adds up the fields of a record', () => {
    assert.equal(fieldsSize({}), 0);
    assert.equal(fieldsSize({ a: 'ab', b: 1, c: null, d: { kind: 'bytes', length: 10 }, e: { kind: 'asset', length: 5, ref: 'r' }, f: true }), 2 + 8 + 0 + 10 + 0 + 8);
  });
});
