import assert from 'node:assert/strict';
import { insertProperty, propertyKey, quoteString, removeProperty } from '../../../src/core/model/typescript/object-edits';
import { applyEdits, type Span } from '../../../src/core/text/span';

/**
 * The string edits on TypeScript object literals behind the TypeScript model quick fixes: quoting,
 * property keys, inserting a property and removing one with exactly its comma, blanks or line. The
 * snippets are small ones written by us; spans are found with indexOf, and each case pins the edit
 * and the text after it.
 */

/** The span of `prop` in `text` (which must hold it once). */
function spanOf(text: string, prop: string): Span {
  const start = text.indexOf(prop);
  assert.ok(start >= 0 && text.indexOf(prop, start + 1) < 0, `"${prop}" must occur once`);
  return { start, end: start + prop.length };
}

/** Removes `prop` from `text`: checks the deleted span and the text after. */
function remove(text: string, prop: string, deleted: Span, expected: string): void {
  const edit = removeProperty(text, spanOf(text, prop));
  assert.deepEqual(edit, { span: deleted, newText: '' });
  assert.equal(applyEdits(text, [edit]), expected);
}

describe('TypeScript object edits: quoteString and propertyKey', () => {
  it('single quotes unescape the double quote and escape the single one', () => {
    assert.equal(quoteString(`it's "x"\n`, "'"), `'it\\'s "x"\\n'`);
    assert.equal(quoteString(`it's "x"`, '"'), `"it's \\"x\\""`);
  });

  it('keeps identifier names bare (several characters, digits after the first) and quotes the rest', () => {
    assert.equal(propertyKey('abc', "'"), 'abc');
    assert.equal(propertyKey('_a1$', "'"), '_a1$');
    assert.equal(propertyKey('1a', "'"), "'1a'");
    assert.equal(propertyKey('a-b', '"'), '"a-b"');
    assert.equal(propertyKey('ab c', "'"), "'ab c'");
  });
});

describe('TypeScript object edits: insertProperty', () => {
  it('fills an empty object, blanks inside included', () => {
    const text = 'x = {  };';
    const edit = insertProperty(text, { span: spanOf(text, '{  }') }, 'optional: true', '\n');
    assert.deepEqual(edit, { span: { start: 5, end: 7 }, newText: ' optional: true ' });
    assert.equal(applyEdits(text, [edit]), 'x = { optional: true };');
  });

  it('puts the property first in an object holding only a comment, keeping the comment', () => {
    const text = 'x = { /* none */ };';
    const edit = insertProperty(text, { span: spanOf(text, '{ /* none */ }') }, 'optional: true', '\n');
    assert.deepEqual(edit, { span: { start: 5, end: 5 }, newText: ' optional: true,' });
    assert.equal(applyEdits(text, [edit]), 'x = { optional: true, /* none */ };');
  });

  it('appends after the last property, on its own line with its indent, or inline', () => {
    const multi = '{\r\n    a: 1,\r\n}';
    const m = insertProperty(multi, { span: spanOf(multi, multi), lastPropertyEnd: multi.indexOf('1') + 1, propertyIndent: '    ' }, 'b: 2', '\r\n');
    assert.equal(applyEdits(multi, [m]), '{\r\n    a: 1,\r\n    b: 2,\r\n}');
    const inline = '{ a: 1 }';
    const i = insertProperty(inline, { span: spanOf(inline, inline), lastPropertyEnd: 6 }, 'b: 2', '\n');
    assert.deepEqual(i, { span: { start: 6, end: 6 }, newText: ', b: 2' });
  });
});

describe('TypeScript object edits: removeProperty', () => {
  it('removes a property line indented with tabs, line break included', () => {
    const text = '{\n\ta: 1,\n\t \tprop: 2,\n\tb: 3\n}';
    const start = text.indexOf('\t \tprop');
    remove(text, 'prop: 2', { start, end: text.indexOf('\tb') }, '{\n\ta: 1,\n\tb: 3\n}');
  });

  it('removes a CRLF line whole, blanks after the comma included', () => {
    const text = '{\r\n  a: 1,\r\n  prop: 2, \t\r\n  b: 3\r\n}';
    remove(text, 'prop: 2', { start: text.indexOf('  prop'), end: text.indexOf('  b') }, '{\r\n  a: 1,\r\n  b: 3\r\n}');
  });

  it('removes the first line of the text', () => {
    const text = 'prop: 1,\nb: 2';
    remove(text, 'prop: 1', { start: 0, end: text.indexOf('b') }, 'b: 2');
  });

  it('removes the last line of the text, without its comma-less end running past the text', () => {
    const text = 'a: 1,\n  prop: 2';
    remove(text, 'prop: 2', { start: text.indexOf('  prop'), end: text.length }, 'a: 1,\n');
  });

  it('removes the last line of an object when a blank line follows, keeping the blank line', () => {
    const text = '{\n  a: 1,\n  prop: 2\n\n}';
    remove(text, 'prop: 2', { start: text.indexOf('  prop'), end: text.indexOf('\n}') }, '{\n  a: 1,\n\n}');
  });

  it('inline with a comma (blanks before and after it): removes the property, comma and blanks', () => {
    const text = '{ a: 1, prop: 2 ,  b: 3 }';
    remove(text, 'prop: 2', { start: text.indexOf('prop'), end: text.indexOf('b: 3') }, '{ a: 1, b: 3 }');
  });

  it('on its own line start but sharing the line with the next property: only the property and comma go', () => {
    const text = '{ a: 1,\n  prop: 2, b: 3 }';
    remove(text, 'prop: 2', { start: text.indexOf('prop'), end: text.indexOf('b: 3') }, '{ a: 1,\n  b: 3 }');
  });

  it('last inline property: takes the comma before it', () => {
    const text = '{ a: 1,\n prop: 2 }';
    remove(text, 'prop: 2', { start: text.indexOf(','), end: text.indexOf(' }') }, '{ a: 1 }');
  });

  it('last property after another on its line, its line break next: takes the comma before it, not the line', () => {
    const text = '{ a: 1, prop: 2\n}';
    remove(text, 'prop: 2', { start: text.indexOf(','), end: text.indexOf('\n') }, '{ a: 1\n}');
  });

  it('the only inline property: only the property goes', () => {
    const text = '{ prop: 2 }';
    remove(text, 'prop: 2', { start: 2, end: 9 }, '{  }');
  });

  it('last property on its own line without a comma: the line goes, not the line after', () => {
    const text = '{\n  a: 1,\n  prop: 2\n}';
    remove(text, 'prop: 2', { start: text.indexOf('  prop'), end: text.indexOf('}') }, '{\n  a: 1,\n}');
  });
});
