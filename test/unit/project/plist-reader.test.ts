import assert from 'node:assert/strict';
import { decodePlistBytes, dictEntry, plistValue, readPlist, stringItems, type PlistDict, type PlistDocument, type PlistNode } from '../../../src/core/project/plist';

/**
 * The XML property-list reader on its own: every node kind with its exact spans (offsets counted by hand
 * in the short texts below), empty elements, entities, CDATA, comments, CRLF, the problems it reports
 * (with their spans and messages), and the byte decoding that turns away binary, UTF-16 and bad UTF-8.
 */
const doc = (text: string): Omit<PlistDocument, 'text'> => { const d = readPlist(text); return { root: d.root, problems: d.problems }; };
const err = (message: string, start: number, end: number) => ({ message, span: { start, end }, severity: 'error' as const });
const bytes = (...b: number[]) => new Uint8Array(b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

describe('project: XML plist reader', () => {
  it('a compact one-line plist: the dict, its entry and the integer with their spans', () => {
    // <plist> 0-7, <dict> 7-13, <key>a</key> 13-25, <integer> 25-34, 42 34-36, </integer> 36-46, </dict> 46-53.
    const t = '<plist><dict><key>a</key><integer>42</integer></dict></plist>';
    assert.deepEqual(readPlist(t), {
      text: t,
      problems: [],
      root: {
        kind: 'dict', span: { start: 7, end: 53 }, closeStart: 46,
        entries: [{ key: 'a', keySpan: { start: 13, end: 25 }, value: { kind: 'integer', span: { start: 25, end: 46 }, value: '42', valueSpan: { start: 34, end: 36 } } }],
      },
    });
  });

  it('empty elements: <string/>, <true/>, <false/>, <array/> and <dict/> in an array', () => {
    // <array> 7-14, <string/> 14-23, <true/> 23-30, <false/> 30-38, <array/> 38-46, <dict/> 46-53, </array> 53-61.
    assert.deepEqual(doc('<plist><array><string/><true/><false/><array/><dict/></array></plist>'), {
      problems: [],
      root: {
        kind: 'array', span: { start: 7, end: 61 }, closeStart: 53,
        items: [
          { kind: 'string', span: { start: 14, end: 23 }, value: '', valueSpan: { start: 23, end: 23 } },
          { kind: 'boolean', span: { start: 23, end: 30 }, value: true },
          { kind: 'boolean', span: { start: 30, end: 38 }, value: false },
          { kind: 'array', span: { start: 38, end: 46 }, items: [], closeStart: undefined },
          { kind: 'dict', span: { start: 46, end: 53 }, entries: [], closeStart: undefined },
        ],
      },
    });
  });

  it('spans are UTF-16 offsets: an emoji counts two', () => {
    // <string> 7-15, 😀 15-17, </string> 17-26.
    assert.deepEqual(doc('<plist><string>\u{1F600}</string></plist>'), {
      problems: [],
      root: { kind: 'string', span: { start: 7, end: 26 }, value: '\u{1F600}', valueSpan: { start: 15, end: 17 } },
    });
  });

  it('CRLF line ends, entities, CDATA and comments: decoded values, spans in the raw text', () => {
    // <dict> 9-15, tab 17, <key> 18-23, a&amp;b 23-30, </key> 30-36, tab 38, <string> 39-47, the 39 characters
    // of content 47-86, </string> 86-95, </dict> 97-104.
    const t = '<plist>\r\n<dict>\r\n\t<key>a&amp;b</key>\r\n\t<string>x<![CDATA[<y>]]><!-- c -->z &lt; &#x41;</string>\r\n</dict>\r\n</plist>\r\n';
    assert.deepEqual(doc(t), {
      problems: [],
      root: {
        kind: 'dict', span: { start: 9, end: 104 }, closeStart: 97,
        entries: [{ key: 'a&b', keySpan: { start: 18, end: 36 }, value: { kind: 'string', span: { start: 39, end: 95 }, value: 'x<y>z < A', valueSpan: { start: 47, end: 86 } } }],
      },
    });
  });

  it('a value without the <plist> wrapper is read as the root', () => {
    // <dict> 0-6, <key>a</key> 6-18, <true/> 18-25, </dict> 25-32.
    assert.deepEqual(doc('<dict><key>a</key><true/></dict>'), {
      problems: [],
      root: { kind: 'dict', span: { start: 0, end: 32 }, closeStart: 25, entries: [{ key: 'a', keySpan: { start: 6, end: 18 }, value: { kind: 'boolean', span: { start: 18, end: 25 }, value: true } }] },
    });
  });

  it('CDATA in a key is part of the key', () => {
    const t = '<plist><dict><key>a<![CDATA[b]]>c</key><string>v</string><key><![CDATA[k]]></key><integer>1</integer></dict></plist>';
    assert.deepEqual(plistValue(readPlist(t).root), { abc: 'v', k: 1 });
  });

  it('a value in a dict without a key before it is reported on the value and left out', () => {
    // <dict> 7-13, <true/> 13-20, <string>s</string> 20-38, <false/> 38-46.
    assert.deepEqual(doc('<plist><dict><true/><string>s</string><false/></dict></plist>'), {
      problems: [
        err('A <true> in a <dict> without a <key> before it.', 13, 20),
        err('A <string> in a <dict> without a <key> before it.', 20, 38),
        err('A <false> in a <dict> without a <key> before it.', 38, 46),
      ],
      root: { kind: 'dict', span: { start: 7, end: 53 }, closeStart: 46, entries: [] },
    });
  });

  it('an element that is not a plist element: reported on its start tag, its text read as a string', () => {
    // <key>a</key> 13-25, <color> 25-32, red 32-35, </color> 35-43, </dict> 43-50.
    assert.deepEqual(doc('<plist><dict><key>a</key><color>red</color></dict></plist>'), {
      problems: [err('<color> is not a property-list element.', 25, 32)],
      root: {
        kind: 'dict', span: { start: 7, end: 50 }, closeStart: 43,
        entries: [{ key: 'a', keySpan: { start: 13, end: 25 }, value: { kind: 'string', span: { start: 25, end: 43 }, value: 'red', valueSpan: { start: 32, end: 35 } } }],
      },
    });
  });

  it('markup inside a string: one problem on the inner tag, the string still the value of its key', () => {
    // <key>tip</key> 13-27, <string> 27-35, "Tap " 35-39, <b> 39-42, Sync 42-46, </b> 46-50, </string> 50-59.
    const d = doc('<plist><dict><key>tip</key><string>Tap <b>Sync</b></string></dict></plist>');
    assert.deepEqual(d.problems, [err('<b> is not a property-list element.', 39, 42)]);
    assert.deepEqual((d.root as PlistDict).entries.map((e) => [e.key, e.value?.kind, e.value?.span]), [['tip', 'string', { start: 27, end: 59 }]]);
  });

  it('a <key> outside a dict: in an array, and as the root element', () => {
    // <array> 7-14, <key>a</key> 14-26.
    const inArray = doc('<plist><array><key>a</key><string>x</string></array></plist>');
    assert.deepEqual(inArray.problems, [err('<key> outside a <dict>.', 14, 26)]);
    assert.deepEqual(plistValue(inArray.root), ['x']);
    assert.deepEqual(doc('<key>a</key>'), { root: undefined, problems: [err('<key> outside a <dict>.', 0, 12)] });
  });

  it('a key without a value: followed by another key, or last in its dict', () => {
    // <key>a</key> 13-25, <key>b</key> 25-37.
    const twoKeys = doc('<plist><dict><key>a</key><key>b</key><string>x</string></dict></plist>');
    assert.deepEqual(twoKeys.problems, [err('Key "a" has no value.', 13, 25)]);
    assert.deepEqual(plistValue(twoKeys.root), { b: 'x' });
    // <key>a</key> 13-25, <string>x</string> 25-43, <key>b</key> 43-55.
    const last = doc('<plist><dict><key>a</key><string>x</string><key>b</key></dict></plist>');
    assert.deepEqual(last.problems, [err('Key "b" has no value.', 43, 55)]);
    assert.deepEqual(plistValue(last.root), { a: 'x' });
  });

  it('XML that is not well formed: one problem at the place the parser stopped, without its line:column', () => {
    // </dict> where </string> belongs ends at 41.
    assert.deepEqual(doc('<plist><dict><key>a</key><string>x</dict></plist>'), {
      root: undefined, problems: [err('Not a well-formed XML property list: unexpected close tag.', 41, 41)],
    });
    // The same on line 11, column 44 (two-digit line and column in saxes' message): 10 + 44 = 54.
    assert.deepEqual(doc(`${'\n'.repeat(10)}<plist>   <dict><key>a</key><string>x</dict></plist>`), {
      root: undefined, problems: [err('Not a well-formed XML property list: unexpected close tag.', 54, 54)],
    });
    // Text after the root: saxes stops one past the end; the span stays inside the text (16 characters).
    assert.deepEqual(doc('<plist/>trailing'), {
      root: undefined, problems: [err('Not a well-formed XML property list: text data outside of root node.', 16, 16)],
    });
    assert.deepEqual(doc('<plist><dict>'), {
      root: undefined, problems: [err('Not a well-formed XML property list: unclosed tag: dict', 13, 13)],
    });
  });

  it('a plist with no value, and an empty file', () => {
    assert.deepEqual(doc('<plist version="1.0"/>'), { root: undefined, problems: [err('This property list holds no value.', 0, 0)] });
    assert.deepEqual(doc('<?xml version="1.0"?>\n<plist>\n</plist>\n'), { root: undefined, problems: [err('This property list holds no value.', 0, 0)] });
    assert.deepEqual(doc(''), { root: undefined, problems: [err('Not a well-formed XML property list: document must contain a root element.', 0, 0)] });
  });

  it('whitespace and comments after the root element are fine', () => {
    assert.deepEqual(doc('<plist><true/></plist>\n<!-- end -->\n'), { root: { kind: 'boolean', span: { start: 7, end: 14 }, value: true }, problems: [] });
  });
});

describe('project: plist bytes', () => {
  const at0 = { start: 0, end: 0 };
  const BINARY = { problem: { message: 'This is a binary property list (bplist); only XML plists are read. Convert it with `plutil -convert xml1 <file>` to have it checked.', span: at0, severity: 'warning' } };
  const UTF16 = { problem: { message: 'This property list is UTF-16 encoded; only UTF-8 XML plists are read.', span: at0, severity: 'warning' } };
  const BAD_UTF8 = { problem: { message: 'This property list is not valid UTF-8.', span: at0, severity: 'error' } };

  it('binary plists: `bplist00…`, and the bare 6-byte magic', () => {
    assert.deepEqual(decodePlistBytes(bytes(...ascii('bplist00'), 0xd1, 0x01, 0x02)), BINARY);
    assert.deepEqual(decodePlistBytes(bytes(...ascii('bplist'))), BINARY);
    assert.deepEqual(decodePlistBytes(bytes(...ascii('bplis'))), { text: 'bplis' });
  });

  it('UTF-16 by its byte-order mark, big and little endian, even with nothing after it', () => {
    assert.deepEqual(decodePlistBytes(bytes(0xfe, 0xff, 0x00, 0x3c)), UTF16);
    assert.deepEqual(decodePlistBytes(bytes(0xff, 0xfe, 0x3c, 0x00)), UTF16);
    assert.deepEqual(decodePlistBytes(bytes(0xff, 0xfe)), UTF16);
  });

  it('invalid UTF-8 is an error, also when only one byte of a UTF-16 mark is there', () => {
    assert.deepEqual(decodePlistBytes(bytes(0x3c, 0xc3, 0x28)), BAD_UTF8);
    assert.deepEqual(decodePlistBytes(bytes(0xfe, 0x3c)), BAD_UTF8);
    assert.deepEqual(decodePlistBytes(bytes(0x3c, 0xff)), BAD_UTF8);
    assert.deepEqual(decodePlistBytes(bytes(0xff, 0x3c)), BAD_UTF8);
    assert.deepEqual(decodePlistBytes(bytes(0x3c, 0xfe)), BAD_UTF8);
  });

  it('UTF-8: multi-byte characters decoded, a byte-order mark removed', () => {
    assert.deepEqual(decodePlistBytes(bytes(...ascii('<string>'), 0xc3, 0xa9, ...ascii('</string>'))), { text: '<string>\u00e9</string>' });
    assert.deepEqual(decodePlistBytes(bytes(0xef, 0xbb, 0xbf, ...ascii('<plist/>'))), { text: '<plist/>' });
    assert.deepEqual(decodePlistBytes(bytes()), { text: '' });
  });
});

describe('project: plist values', () => {
  const t = '<plist><dict><key>i</key><integer>-7</integer><key>r</key><real>2.5</real><key>t</key><true/><key>f</key><false/>'
    + '<key>d</key><date>2024-01-02T03:04:05Z</date><key>b</key><data>AAE=</data><key>a</key><array><string>x</string><integer>1</integer></array>'
    + '<key>n</key><dict><key>s</key><string>y</string></dict></dict></plist>';

  it('plistValue: numbers as numbers, booleans, dates and data as their text, nested containers', () => {
    assert.deepEqual(plistValue(readPlist(t).root), { i: -7, r: 2.5, t: true, f: false, d: '2024-01-02T03:04:05Z', b: 'AAE=', a: ['x', 1], n: { s: 'y' } });
    assert.equal(plistValue(undefined), undefined);
  });

  it('dictEntry: the last of duplicate keys wins; nothing for a missing key or a non-dict', () => {
    // <key>k</key> 13-25 and 43-55.
    const d = readPlist('<plist><dict><key>k</key><string>1</string><key>k</key><string>2</string></dict></plist>').root;
    const e = dictEntry(d, 'k');
    assert.deepEqual([e?.keySpan, plistValue(e?.value)], [{ start: 43, end: 55 }, '2']);
    assert.equal(dictEntry(d, 'K'), undefined);
    assert.equal(dictEntry(readPlist('<plist><array/></plist>').root, 'k'), undefined);
    assert.equal(dictEntry(undefined, 'k'), undefined);
  });

  it('stringItems: the strings of an array, a lone string, nothing for other kinds', () => {
    const root = readPlist(t).root as PlistDict;
    const value = (key: string): PlistNode | undefined => dictEntry(root, key)?.value;
    assert.deepEqual(stringItems(value('a')).map((s) => s.value), ['x']);
    const mixed = readPlist('<plist><array><string>a</string><integer>1</integer><string>b</string><dict/><true/></array></plist>').root;
    assert.deepEqual(stringItems(mixed).map((s) => [s.value, s.span.start]), [['a', 14], ['b', 52]]);
    assert.deepEqual(stringItems(value('n')), []);
    assert.deepEqual(stringItems(value('i')), []);
    assert.deepEqual(stringItems(value('t')), []);
    assert.deepEqual(stringItems(undefined), []);
    const lone = readPlist('<plist><string>only</string></plist>').root;
    assert.deepEqual(stringItems(lone), [lone]);
  });
});
