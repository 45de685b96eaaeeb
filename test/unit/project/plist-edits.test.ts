import assert from 'node:assert/strict';
import type { TextEdit } from '../../../src/core/text/span';
import { readPlist, type PlistArray, type PlistDict, type PlistNode, type PlistScalar } from '../../../src/core/project/plist';
import { addArrayString, addDictEntry, addToStringArrayKey, escapeXml, replaceScalar, stringArrayLines } from '../../../src/core/project/plist-edits';

/**
 * Quick-fix edits to XML plists: the exact span and text of each edit, the indentation copied from the
 * file (tabs, spaces, none), empty `<array/>` and `<string/>` elements, and XML escaping. The plists are
 * written by us; expected results are the whole edited text.
 */
const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n';
const apply = (text: string, e: TextEdit): string => text.slice(0, e.span.start) + e.newText + text.slice(e.span.end);
const rootOf = (text: string): PlistDict => readPlist(text).root as PlistDict;
const valueOf = (text: string, key: string): PlistNode => rootOf(text).entries.find((e) => e.key === key)!.value!;

describe('project: plist edits', () => {
  it('escapeXml: &, < and > (ampersand first, so nothing is escaped twice); quotes stay', () => {
    assert.equal(escapeXml('a&b<c>d"e\'f &lt;'), 'a&amp;b&lt;c&gt;d"e\'f &amp;lt;');
  });

  it('stringArrayLines: an array element per line, values escaped; an empty list is an empty array', () => {
    assert.deepEqual(stringArrayLines(['a', '<b>']), ['<array>', '<string>a</string>', '<string>&lt;b&gt;</string>', '</array>']);
    assert.deepEqual(stringArrayLines([]), ['<array>', '</array>']);
  });

  describe('addArrayString', () => {
    it('a new last line before the closing tag, indented like the first item (tabs)', () => {
      const t = `${HEAD}<dict>\n\t<key>a</key>\n\t<array>\n\t\t<string>x</string>\n\t</array>\n</dict>\n</plist>\n`;
      const e = addArrayString(t, valueOf(t, 'a') as PlistArray, 'y&z');
      const close = t.indexOf('\t</array>');
      assert.deepEqual(e, { span: { start: close, end: close }, newText: '\t\t<string>y&amp;z</string>\n' });
    });

    it('indented like the first item with spaces, even when deeper than one level', () => {
      const t = `${HEAD}<dict>\n  <key>a</key>\n  <array>\n        <string>x</string>\n  </array>\n</dict>\n</plist>\n`;
      assert.equal(apply(t, addArrayString(t, valueOf(t, 'a') as PlistArray, 'y')), t.replace('</string>\n', '</string>\n        <string>y</string>\n'));
    });

    it('an empty `<array/>` becomes an open array: one tab deeper in a tab file', () => {
      const t = `${HEAD}<dict>\n\t<key>a</key>\n\t<array/>\n</dict>\n</plist>\n`;
      const e = addArrayString(t, valueOf(t, 'a') as PlistArray, 'v');
      const at = t.indexOf('<array/>');
      assert.deepEqual(e, { span: { start: at, end: at + '<array/>'.length }, newText: '<array>\n\t\t<string>v</string>\n\t</array>' });
    });

    it('an empty `<array/>` indented with spaces gets two more spaces; a tab anywhere in the indent means a tab', () => {
      const spaces = `${HEAD}<dict>\n    <key>a</key>\n    <array/>\n</dict>\n</plist>\n`;
      assert.equal(addArrayString(spaces, valueOf(spaces, 'a') as PlistArray, 'v').newText, '<array>\n      <string>v</string>\n    </array>');
      const mixed = `${HEAD}<dict>\n \t<key>a</key>\n \t<array/>\n</dict>\n</plist>\n`;
      assert.equal(addArrayString(mixed, valueOf(mixed, 'a') as PlistArray, 'v').newText, '<array>\n \t\t<string>v</string>\n \t</array>');
      const none = `${HEAD}<array/>\n</plist>\n`;
      assert.equal(addArrayString(none, readPlist(none).root as PlistArray, 'v').newText, '<array>\n\t<string>v</string>\n</array>');
    });

    it('`<array></array>` on one line: the value goes right before the closing tag, unindented', () => {
      const t = `${HEAD}<dict>\n\t<key>a</key>\n\t<array></array>\n</dict>\n</plist>\n`;
      const e = addArrayString(t, valueOf(t, 'a') as PlistArray, 'v');
      const close = t.indexOf('</array>');
      assert.deepEqual(e, { span: { start: close, end: close }, newText: '<string>v</string>' });
    });

    it('a first item on the opening line does not set the indentation: one tab deeper than the array', () => {
      const t = `${HEAD}<dict>\n\t<key>a</key>\n\t<array><string>x</string>\n\t</array>\n</dict>\n</plist>\n`;
      const e = addArrayString(t, valueOf(t, 'a') as PlistArray, 'v');
      assert.equal(e.newText, '\t\t<string>v</string>\n');
    });
  });

  describe('addDictEntry', () => {
    it('key and value lines, inner lines one unit deeper (the unit is the dict\'s child indent step)', () => {
      const t = `${HEAD}<dict>\n    <key>a</key>\n    <true/>\n</dict>\n</plist>\n`;
      const e = addDictEntry(t, rootOf(t), 'k&', ['<array>', '<string>x</string>', '<string>y</string>', '</array>']);
      const close = t.indexOf('</dict>');
      assert.deepEqual(e, { span: { start: close, end: close }, newText: '    <key>k&amp;</key>\n    <array>\n        <string>x</string>\n        <string>y</string>\n    </array>\n' });
    });

    it('the unit inside a nested dict is the step from the dict to its children', () => {
      const t = `${HEAD}<dict>\n\t<key>n</key>\n\t<dict>\n\t\t\t<key>a</key>\n\t\t\t<true/>\n\t</dict>\n</dict>\n</plist>\n`;
      const e = addDictEntry(t, valueOf(t, 'n') as PlistDict, 'k', ['<array>', '<string>x</string>', '</array>']);
      assert.equal(e.newText, '\t\t\t<key>k</key>\n\t\t\t<array>\n\t\t\t\t\t<string>x</string>\n\t\t\t</array>\n');
    });

    it('children at the dict\'s own indentation: inner lines get a tab', () => {
      const t = `${HEAD}<dict>\n<key>a</key>\n<true/>\n</dict>\n</plist>\n`;
      const e = addDictEntry(t, rootOf(t), 'k', ['<array>', '<string>x</string>', '</array>']);
      assert.equal(e.newText, '<key>k</key>\n<array>\n\t<string>x</string>\n</array>\n');
    });

    it('one- and two-line values are not re-indented', () => {
      const t = `${HEAD}<dict>\n\t<key>a</key>\n\t<true/>\n</dict>\n</plist>\n`;
      assert.equal(addDictEntry(t, rootOf(t), 'k', ['<false/>']).newText, '\t<key>k</key>\n\t<false/>\n');
      assert.equal(addDictEntry(t, rootOf(t), 'k', ['<array>', '</array>']).newText, '\t<key>k</key>\n\t<array>\n\t</array>\n');
    });

    it('an empty `<dict/>` becomes an open dict with the entry', () => {
      const t = `${HEAD}<dict>\n\t<key>d</key>\n\t<dict/>\n</dict>\n</plist>\n`;
      const out = apply(t, addDictEntry(t, valueOf(t, 'd') as PlistDict, 'k', ['<string>v</string>']));
      assert.equal(out, t.replace('<dict/>', '<dict>\n\t\t<key>k</key>\n\t\t<string>v</string>\n\t</dict>'));
    });
  });

  describe('replaceScalar', () => {
    const t = `${HEAD}<dict>\n\t<key>a</key>\n\t<string>old</string>\n\t<key>b</key>\n\t<string/>\n\t<key>c</key>\n\t<string></string>\n\t<key>n</key>\n\t<integer/>\n</dict>\n</plist>\n`;

    it('the text between the tags, escaped', () => {
      const at = t.indexOf('old');
      assert.deepEqual(replaceScalar(valueOf(t, 'a') as PlistScalar, '<new>'), { span: { start: at, end: at + 3 }, newText: '&lt;new&gt;' });
    });

    it('`<string></string>`: inserted between the tags', () => {
      const at = t.indexOf('<string></string>') + '<string>'.length;
      assert.deepEqual(replaceScalar(valueOf(t, 'c') as PlistScalar, 'v'), { span: { start: at, end: at }, newText: 'v' });
    });

    it('a self-closed element is replaced by an open one of the same kind', () => {
      const s = t.indexOf('<string/>');
      assert.deepEqual(replaceScalar(valueOf(t, 'b') as PlistScalar, 'a&b'), { span: { start: s, end: s + '<string/>'.length }, newText: '<string>a&amp;b</string>' });
      const i = t.indexOf('<integer/>');
      assert.deepEqual(replaceScalar(valueOf(t, 'n') as PlistScalar, '5'), { span: { start: i, end: i + '<integer/>'.length }, newText: '<integer>5</integer>' });
    });

    it('a node without extent (no element to replace) gets its value span', () => {
      const node: PlistScalar = { kind: 'string', value: '', span: { start: 4, end: 4 }, valueSpan: { start: 4, end: 4 } };
      assert.deepEqual(replaceScalar(node, 'v'), { span: { start: 4, end: 4 }, newText: 'v' });
    });
  });

  describe('addToStringArrayKey', () => {
    const t = `${HEAD}<dict>\n\t<key>list</key>\n\t<array>\n\t\t<string>x</string>\n\t</array>\n\t<key>s</key>\n\t<string>x</string>\n</dict>\n</plist>\n`;

    it('absent key: a new key with a one-value array', () => {
      const close = t.indexOf('</dict>');
      assert.deepEqual(addToStringArrayKey(t, rootOf(t), 'new', 'v', undefined), { span: { start: close, end: close }, newText: '\t<key>new</key>\n\t<array>\n\t\t<string>v</string>\n\t</array>\n' });
    });

    it('an array: the value appended; anything else: no edit', () => {
      const close = t.indexOf('\t</array>');
      assert.deepEqual(addToStringArrayKey(t, rootOf(t), 'list', 'v', valueOf(t, 'list')), { span: { start: close, end: close }, newText: '\t\t<string>v</string>\n' });
      assert.equal(addToStringArrayKey(t, rootOf(t), 's', 'v', valueOf(t, 's')), undefined);
    });
  });
});
