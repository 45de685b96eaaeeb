import assert from 'node:assert/strict';
import { argumentsOf, calleeName, spanOf, stringLiteralOf, valueOf } from '../../../src/core/project/swift-syntax';
import type { SwiftParser, SwiftSyntaxNode } from '../../../src/core/swift/syntax-node';
import { loadSwiftParser } from '../../../src/swift-parser/load-node';

/**
 * The small tree-sitter-swift helpers the container-setup and Tuist readers share: node spans, string
 * literals (escapes, interpolation, multi-line), values, callee names (plain, navigation, `.member`,
 * generic types) and call arguments with their labels. Swift snippets are written by us; where a branch
 * is a fallback that tree-sitter-swift does not produce today, a hand-made node of the structural
 * `SwiftSyntaxNode` shape stands in for it.
 */
let parser: SwiftParser;
before(async () => { parser = await loadSwiftParser(); });

/** Parses `src` and hands the first node of `type` (depth first) to `fn` before the tree is freed. */
function withNode<T>(src: string, type: string, fn: (n: SwiftSyntaxNode) => T): T {
  const tree = parser.parse(src);
  try {
    const find = (n: SwiftSyntaxNode): SwiftSyntaxNode | undefined => {
      if (n.type === type) return n;
      for (const c of n.namedChildren) { const hit = c && find(c); if (hit) return hit; }
      return undefined;
    };
    const node = find(tree.rootNode);
    assert.ok(node, `no ${type} in ${src}`);
    return fn(node);
  } finally {
    tree.delete();
  }
}
/** The value of `let s = …` (the string literal node). */
const literal = (src: string) => withNode(src, 'property_declaration', (d) => stringLiteralOf(d.childForFieldName('value')));
const callee = (src: string) => withNode(src, 'call_expression', (c) => {
  const r = calleeName(c);
  return r && { name: r.name, nodeText: r.node.text, nodeType: r.node.type, start: r.node.startIndex };
});
const args = (src: string) => withNode(src, 'call_expression', (c) => argumentsOf(c).map((a) => [a.label, a.value.type, a.value.text]));

/** A hand-made node: only what the helpers read. */
interface Fake { type: string; text?: string; fields?: Record<string, Fake>; children?: (Fake | null)[] }
function fake(f: Fake): SwiftSyntaxNode {
  const children = (f.children ?? []).map((c) => (c ? fake(c) : null));
  const fields = Object.fromEntries(Object.entries(f.fields ?? {}).map(([k, v]) => [k, fake(v)]));
  return {
    type: f.type, text: f.text ?? '', startIndex: 0, endIndex: (f.text ?? '').length,
    namedChildren: children, namedChildCount: children.length,
    namedChild: (i: number) => children[i] ?? null,
    childForFieldName: (name: string) => fields[name] ?? null,
  } as unknown as SwiftSyntaxNode;
}
const id = (text: string): Fake => ({ type: 'simple_identifier', text });

describe('project: swift syntax helpers', () => {
  it('spanOf: the node\'s start and end offsets', () => {
    const src = 'let x = 1\nlet s = "abc"';
    assert.deepEqual(withNode(src, 'line_string_literal', spanOf), { start: src.indexOf('"abc"'), end: src.indexOf('"abc"') + 5 });
  });

  it('stringLiteralOf: plain text, the empty string, and a two-character escape stands for its second character', () => {
    assert.equal(literal('let s = "iCloud.com.example"'), 'iCloud.com.example');
    assert.equal(literal('let s = ""'), '');
    assert.equal(literal('let s = "a\\"b"'), 'a"b');
    assert.equal(literal('let s = "a\\\\b"'), 'a\\b');
  });

  it('stringLiteralOf: a longer escape (\\u{41}) is kept as written', () => {
    assert.equal(literal('let s = "x\\u{41}y"'), 'x\\u{41}y');
  });

  it('stringLiteralOf: multi-line literals are read (text between the quotes, newlines included)', () => {
    assert.equal(literal('let s = """\nline\n"""'), '\nline\n');
  });

  it('stringLiteralOf: interpolation makes the value unknown, in single- and multi-line literals', () => {
    assert.equal(literal('let s = "iCloud.\\(name)"'), undefined);
    assert.equal(literal('let s = """\nhi \\(x) there\n"""'), undefined);
  });

  it('stringLiteralOf: anything but a string literal, null and undefined give undefined', () => {
    assert.equal(withNode('let s = 42', 'property_declaration', (d) => stringLiteralOf(d.childForFieldName('value'))), undefined);
    assert.equal(withNode('let s = name', 'property_declaration', (d) => stringLiteralOf(d.childForFieldName('value'))), undefined);
    assert.equal(stringLiteralOf(null), undefined);
    assert.equal(stringLiteralOf(undefined), undefined);
  });

  it('stringLiteralOf: skips null children (a hand-made node) and reads multi_line_str_text', () => {
    const n = fake({ type: 'multi_line_string_literal', children: [null, { type: 'multi_line_str_text', text: 'ab' }, { type: 'str_escaped_char', text: '\\n' }] });
    assert.equal(stringLiteralOf(n), 'abn');
    const single = fake({ type: 'line_string_literal', children: [{ type: 'multi_line_str_text', text: 'x' }, { type: 'line_str_text', text: 'y' }] });
    assert.equal(stringLiteralOf(single), 'xy');
  });

  it('valueOf: text and span, plus the literal when there is one (also when it is empty)', () => {
    const src = 'let s = "iCloud.a"';
    const at = src.indexOf('"iCloud.a"');
    assert.deepEqual(withNode(src, 'line_string_literal', valueOf), { text: '"iCloud.a"', span: { start: at, end: at + 10 }, literal: 'iCloud.a' });
    const empty = 'let s = ""';
    assert.deepEqual(withNode(empty, 'line_string_literal', valueOf), { text: '""', span: { start: 8, end: 10 }, literal: '' });
  });

  it('valueOf: no literal key at all for an identifier or an interpolated string', () => {
    const src = 'let s = containerID';
    assert.deepEqual(withNode(src, 'property_declaration', (d) => valueOf(d.childForFieldName('value')!)), { text: 'containerID', span: { start: 8, end: 19 } });
    const interp = 'let s = "a\\(b)"';
    assert.deepEqual(withNode(interp, 'line_string_literal', valueOf), { text: '"a\\(b)"', span: { start: 8, end: interp.length } });
  });

  it('calleeName: a plain call names its identifier node', () => {
    assert.deepEqual(callee('CKContainer(identifier: "iCloud.a")'), { name: 'CKContainer', nodeText: 'CKContainer', nodeType: 'simple_identifier', start: 0 });
  });

  it('calleeName: a dotted callee names its last member', () => {
    const src = 'x = CloudKit.CKContainer.init2(identifier: id)';
    assert.deepEqual(callee(src), { name: 'init2', nodeText: 'init2', nodeType: 'simple_identifier', start: src.indexOf('init2') });
    assert.deepEqual(callee('a.b(c)'), { name: 'b', nodeText: 'b', nodeType: 'simple_identifier', start: 2 });
  });

  it('calleeName: `.private("…")` (a prefix expression) names the member', () => {
    const src = 'f(db: .private("iCloud.a"))';
    const inner = withNode(src, 'value_argument', (a) => { const r = calleeName(a.childForFieldName('value')!); return r && [r.name, r.node.startIndex]; });
    assert.deepEqual(inner, ['private', src.indexOf('private')]);
  });

  it('calleeName: a call on a call or a parenthesized callee has no name', () => {
    assert.equal(callee('(foo)(x)'), undefined);
    assert.deepEqual(withNode('make()(x)', 'call_expression', (c) => calleeName(c)), undefined);
  });

  it('calleeName: a generic type (user_type callee, hand-made) is named by its whole text', () => {
    const n = fake({ type: 'call_expression', children: [{ type: 'user_type', text: 'Set<Int>' }] });
    assert.deepEqual(calleeName(n)?.name, 'Set<Int>');
    assert.equal(calleeName(fake({ type: 'call_expression', children: [{ type: 'type_identifier', text: 'Foo' }] }))?.name, 'Foo');
    assert.equal(calleeName(fake({ type: 'call_expression', children: [] })), undefined);
  });

  it('calleeName (hand-made navigation nodes): suffix without a field takes its last child; else the last identifier child', () => {
    // navigation_suffix with no `suffix` field: its last named child.
    const noField = fake({ type: 'call_expression', children: [{ type: 'navigation_expression', fields: { suffix: { type: 'navigation_suffix', children: [id('a'), id('last')] } }, children: [] }] });
    assert.equal(calleeName(noField)?.name, 'last');
    // a suffix that is not an identifier (e.g. a tuple index): the expression's last identifier child.
    const numeric = fake({ type: 'call_expression', children: [{ type: 'navigation_expression', fields: { suffix: { type: 'navigation_suffix', fields: { suffix: { type: 'integer_literal', text: '0' } } } }, children: [id('first'), { type: 'x' }, id('second'), { type: 'y' }] }] });
    assert.equal(calleeName(numeric)?.name, 'second');
    // no `suffix` field: the `target` field is taken as the suffix.
    const targetOnly = fake({ type: 'call_expression', children: [{ type: 'navigation_expression', fields: { target: { type: 'navigation_suffix', fields: { suffix: id('viaTarget') } } }, children: [] }] });
    assert.equal(calleeName(targetOnly)?.name, 'viaTarget');
    // nothing usable: no name.
    const none = fake({ type: 'call_expression', children: [{ type: 'navigation_expression', children: [{ type: 'x' }] }] });
    assert.equal(calleeName(none), undefined);
  });

  it('calleeName (hand-made prefix nodes): a non-identifier target falls back to the last identifier child', () => {
    const n = fake({ type: 'call_expression', children: [{ type: 'prefix_expression', fields: { target: { type: 'call_expression', text: 'f()' } }, children: [id('one'), id('two')] }] });
    assert.equal(calleeName(n)?.name, 'two');
    // A navigation expression's `target` (not a suffix) is not taken as the name when it is an identifier.
    const nav = fake({ type: 'call_expression', children: [{ type: 'navigation_expression', fields: { target: id('tgt') }, children: [] }] });
    assert.equal(calleeName(nav), undefined);
  });

  it('argumentsOf: labels (without the colon) and values in order; unlabelled arguments have no label', () => {
    assert.deepEqual(args('Foo(a: 1, 2, _: x)'), [['a', 'integer_literal', '1'], [undefined, 'integer_literal', '2'], ['_', 'simple_identifier', 'x']]);
  });

  it('argumentsOf: a trailing closure alone or empty parentheses give no arguments; a closure argument is kept', () => {
    assert.deepEqual(args('f { }'), []);
    assert.deepEqual(args('f()'), []);
    assert.deepEqual(args('f(x) { y }'), [[undefined, 'simple_identifier', 'x']]);
    assert.deepEqual(args('f(y: { z })'), [['y', 'lambda_literal', '{ z }']]);
  });

  it('argumentsOf: `f(a:)` (a reference, no value field) takes the last child as the value, without a label', () => {
    assert.deepEqual(args('f(a:)'), [[undefined, 'value_argument_label', 'a']]);
  });

  it('argumentsOf (hand-made): a label with a trailing colon loses it; null and other children are skipped', () => {
    const call = fake({ type: 'call_expression', children: [
      { type: 'simple_identifier', text: 'f' },
      { type: 'call_suffix', children: [{ type: 'value_arguments', children: [
        null,
        { type: 'comment', text: '// x' },
        { type: 'value_argument', fields: { name: { type: 'value_argument_label', text: 'for:' }, value: id('Item') } },
        { type: 'value_argument', children: [] },
      ] }] },
    ] });
    assert.deepEqual(argumentsOf(call).map((a) => [a.label, a.value.text]), [['for', 'Item']]);
    // A call without a call_suffix (hand-made) has no arguments.
    assert.deepEqual(argumentsOf(fake({ type: 'call_expression', children: [id('f'), null] })), []);
  });
});
