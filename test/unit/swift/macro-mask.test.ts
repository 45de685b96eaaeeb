import assert from 'node:assert/strict';
import { blankOut, findMemberMacros, memberMacroCandidates, nonCodeOverrun, type MemberMacroSite } from '../../../src/core/model/swift/macro-mask';
import { readMemberMacro } from '../../../src/core/model/swift/member-macros';
import { swiftParser } from '../../helpers/swift';

/**
 * The text scan for `#Unique`/`#Index` member macros (macro-mask.ts) and the reading of one macro
 * (member-macros.ts). Texts and expected sites are written by us; spans are computed with `indexOf`.
 */

/** The site of the `nth` (0-based) occurrence of `macro` in `text`. */
const site = (text: string, macro: string, name: 'Unique' | 'Index', nth = 0): MemberMacroSite => {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = text.indexOf(macro, start + 1);
  assert.ok(start >= 0, macro);
  return { name, span: { start, end: start + macro.length } };
};

async function withTree<T>(text: string, f: (root: Parameters<typeof findMemberMacros>[1]) => T): Promise<T> {
  const tree = (await swiftParser()).parse(text);
  try {
    return f(tree.rootNode);
  } finally {
    tree.delete();
  }
}

describe('member macro scan (macro-mask.ts)', () => {
  it('finds a macro at the very start, one with a space before its bracket, and adjacent ones', () => {
    const text = '#Index([\\.a])#Index([\\.b])\n#Unique<T> ([\\.c])\n';
    assert.deepEqual(memberMacroCandidates(text), [
      site(text, '#Index([\\.a])', 'Index'), site(text, '#Index([\\.b])', 'Index'), site(text, '#Unique<T> ([\\.c])', 'Unique'),
    ]);
  });

  it('skips a name glued to an identifier, a longer name, a call without `#`, and other `#` directives', () => {
    const text = 'x#Index([\\.a])\n#Indexes([\\.b])\nlet i = Index(1)\n#if DEBUG\n#endif\n#Unique([\\.c])\n';
    assert.deepEqual(memberMacroCandidates(text), [site(text, '#Unique([\\.c])', 'Unique')]);
  });

  it('`#Index` before `#Unique` in the list of names is still found as Index', () => {
    const text = '  #Index([\\.a])\n';
    assert.deepEqual(memberMacroCandidates(text), [site(text, '#Index([\\.a])', 'Index')]);
  });

  it('brackets in strings and `//` comments do not count; nested brackets and a multi-line macro do', () => {
    const text = '#Index(")(", [\\.a, // )\n  \\.b], (c))\n#Unique<Array<Int>>(\n  [\\.d]\n)\n';
    assert.deepEqual(memberMacroCandidates(text), [
      site(text, '#Index(")(", [\\.a, // )\n  \\.b], (c))', 'Index'), site(text, '#Unique<Array<Int>>(\n  [\\.d]\n)', 'Unique'),
    ]);
  });

  it('a macro without a bracket is skipped and the scan goes on', () => {
    const text = '#Index<T> foo\n#Unique<T>([\\.a])\n';
    assert.deepEqual(memberMacroCandidates(text), [site(text, '#Unique<T>([\\.a])', 'Unique')]);
  });

  it('a `(` that never closes gives up the scan (undefined), so the caller finds macros in code only', () => {
    assert.equal(memberMacroCandidates('#Unique<T>([\\.a])\n// #Index(\n'), undefined);
    assert.equal(memberMacroCandidates('#Index([\\.a] // open\n'.slice(0, -1)), undefined);
    assert.equal(memberMacroCandidates('#Index("open'), undefined);
  });

  it('a generic argument list ends at its line and within 500 characters', () => {
    const near = `#Index<${'A'.repeat(498)}>([\\.a])`;
    const far = `#Index<${'A'.repeat(499)}>([\\.a])`;
    assert.deepEqual(memberMacroCandidates(near), [{ name: 'Index', span: { start: 0, end: near.length } }]);
    assert.deepEqual(memberMacroCandidates(far), []);
    assert.deepEqual(memberMacroCandidates('#Index<T\n>([\\.a])'), []);
  });

  it('a bracket list may be longer than 500 characters', () => {
    const text = `#Index([\\.${'a'.repeat(600)}])`;
    assert.deepEqual(memberMacroCandidates(text), [{ name: 'Index', span: { start: 0, end: text.length } }]);
  });

  it('in a parsed tree, only macros in code are found: not in comments or strings, not glued, not without brackets', async () => {
    const text = '#Index([\\.a])#Index([\\.b])\n// #Index([\\.c])\nlet s = "#Unique([\\.d])"\nlet i = Index(1)\nx#Index([\\.e])\n#Index<T> foo\n#if DEBUG\n#endif\n#Unique([\\.f])\n';
    assert.deepEqual(await withTree(text, (root) => findMemberMacros(text, root)), [
      site(text, '#Index([\\.a])', 'Index'), site(text, '#Index([\\.b])', 'Index'), site(text, '#Unique([\\.f])', 'Unique'),
    ]);
  });

  it('a macro in a comment overruns the comment only when its brackets close past the comment\'s end', async () => {
    const text = 'let a = 1 // #Index([\\.a])\n// #Index([\\.b]\n)\n#Index([\\.c])\n';
    const [inside, over, code] = [site(text, '#Index([\\.a])', 'Index'), site(text, '#Index([\\.b]\n)', 'Index'), site(text, '#Index([\\.c])', 'Index')];
    assert.deepEqual(await withTree(text, (root) => [nonCodeOverrun(root, inside), nonCodeOverrun(root, over), nonCodeOverrun(root, code)]), [false, true, false]);
  });

  it('blanks spans by spaces and keeps newlines, so every other offset stays', () => {
    assert.equal(blankOut('ab#I(\r\nx)cd#U()e', [{ start: 2, end: 9 }, { start: 11, end: 15 }]), 'ab   \r\n  cd    e');
    assert.equal(blankOut('abc', []), 'abc');
  });
});

describe('member macro reading (member-macros.ts)', () => {
  it('reads the type, the groups and their key paths with file spans', async () => {
    const text = 'class T {\n  #Unique<Trip>([\\.name, \\ .start, \\Trip.code], [other, \\.end])\n}\n';
    const s = site(text, '#Unique<Trip>([\\.name, \\ .start, \\Trip.code], [other, \\.end])', 'Unique');
    const at = (needle: string) => ({ start: text.indexOf(needle), end: text.indexOf(needle) + needle.length });
    // The type name is not compared: the tree-sitter-swift wasm reads `#Unique<Trip>(...)` as a macro only
    // in the first parse of a process (its scanner keeps state across parses), so it depends on test order.
    const { typeName: _typeName, ...read } = readMemberMacro(s, text, await swiftParser());
    assert.deepEqual(read, {
      name: 'Unique', span: s.span,
      groups: [
        { span: at('[\\.name, \\ .start, \\Trip.code]'), names: [{ name: 'name', span: at('\\.name') }, { name: 'start', span: at('\\ .start') }, { name: 'code', span: at('\\Trip.code') }] },
        { span: at('[other, \\.end]'), names: [{ name: 'end', span: at('\\.end') }] },
      ],
    });
  });

  it('a macro without a generic argument has no type name', async () => {
    const text = '  #Index([\\.a])';
    const s = site(text, '#Index([\\.a])', 'Index');
    assert.deepEqual(readMemberMacro(s, text, await swiftParser()), {
      name: 'Index', span: s.span, groups: [{ span: { start: 9, end: 14 }, names: [{ name: 'a', span: { start: 10, end: 13 } }] }],
    });
  });
});
