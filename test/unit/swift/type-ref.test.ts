import assert from 'node:assert/strict';
import { readSwiftDeclarations, type SwiftProperty } from '../../../src/core/model/swift/declarations';
import { isKnownPrimitive, mapSwiftAttributeType } from '../../../src/core/model/swift/attribute-types';
import type { SwiftTypeRef } from '../../../src/core/model/swift/type-ref';
import { swiftParser } from '../../helpers/swift';

/**
 * A property's declared type (type-ref.ts: text, span, optionality, the core SwiftData maps) and the type
 * inferred from an initializer when there is no annotation. The Swift snippets and expected values are
 * written by us; spans are computed here with `indexOf` on the snippet.
 */

/** The stored properties of `@Model class A { <body> }`, and the text they were read from. */
async function props(body: string): Promise<{ text: string; props: readonly SwiftProperty[] }> {
  const text = `@Model class A {\n${body}\n}\n`;
  const tree = (await swiftParser()).parse(text);
  try {
    const decls = readSwiftDeclarations(tree.rootNode, text);
    assert.equal(decls.models.length, 1);
    return { text, props: decls.models[0].properties };
  } finally {
    tree.delete();
  }
}

/** The type of the one property declared by `line`. */
async function typeOf(line: string): Promise<{ text: string; type: SwiftTypeRef | undefined }> {
  const r = await props(line);
  assert.equal(r.props.length, 1);
  return { text: r.text, type: r.props[0].type };
}

const span = (text: string, needle: string) => {
  const start = text.indexOf(needle);
  assert.ok(start >= 0, needle);
  return { start, end: start + needle.length };
};

describe('Swift type references (type-ref.ts)', () => {
  it('an implicitly unwrapped optional keeps its `!` in the text and is optional; the span is the type without the `!`', async () => {
    const { text, type } = await typeOf('  var a: String!');
    assert.deepEqual(type, { text: 'String!', span: span(text, 'String'), optional: true, core: { kind: 'named', name: 'String' } });
  });

  it('skips a block comment between the colon and the type', async () => {
    const { text, type } = await typeOf('  var a: /* note */ Date?');
    assert.deepEqual(type, { text: 'Date?', span: span(text, 'Date?'), optional: true, core: { kind: 'named', name: 'Date' } });
  });

  it('skips a line comment between the colon and the type', async () => {
    const { text, type } = await typeOf('  var a: // note\n    Int');
    assert.deepEqual(type, { text: 'Int', span: span(text, 'Int'), optional: false, core: { kind: 'named', name: 'Int' } });
  });

  it('a qualified type keeps its dotted spelling as the name', async () => {
    const { text, type } = await typeOf('  var game: Pizza.SupportedGame');
    assert.deepEqual(type, { text: 'Pizza.SupportedGame', span: span(text, 'Pizza.SupportedGame'), optional: false, core: { kind: 'named', name: 'Pizza.SupportedGame' } });
  });

  it('a qualified generic `Swift.Array<Int>` is an array of its first argument', async () => {
    const { type } = await typeOf('  var a: Swift.Array<Int>');
    assert.deepEqual(type?.core, { kind: 'array', element: { kind: 'named', name: 'Int' } });
    assert.equal(type?.optional, false);
  });

  it('the first generic argument list of a user type is the one read (`Box<Int>.Array<String>`)', async () => {
    const { type } = await typeOf('  var a: Box<Int>.Array<String>');
    assert.deepEqual(type?.core, { kind: 'array', element: { kind: 'named', name: 'Int' } });
  });

  it('`Set<T>` is a collection like an array', async () => {
    const { type } = await typeOf('  var a: Set<Date>');
    assert.deepEqual(type?.core, { kind: 'array', element: { kind: 'named', name: 'Date' } });
  });

  it('`Array<T>` is an array', async () => {
    const { type } = await typeOf('  var a: Array<UUID>');
    assert.deepEqual(type?.core, { kind: 'array', element: { kind: 'named', name: 'UUID' } });
  });

  it('`Dictionary<K, V>` and `[K: V]` are dictionaries', async () => {
    const r = await props('  var a: Dictionary<String, Int>\n  var b: [String: Int]');
    assert.deepEqual(r.props.map((p) => p.type?.core), [{ kind: 'dictionary' }, { kind: 'dictionary' }]);
  });

  it('a generic type of another name is that name, without its arguments', async () => {
    const { type } = await typeOf('  var a: Box<Int>');
    assert.deepEqual(type, { text: 'Box<Int>', span: type!.span, optional: false, core: { kind: 'named', name: 'Box' } });
  });

  it('`Optional<T>` is optional with the core of T, nested collections included', async () => {
    const { type } = await typeOf('  var a: Optional<Set<Date>>');
    assert.deepEqual([type?.optional, type?.core], [true, { kind: 'array', element: { kind: 'named', name: 'Date' } }]);
  });

  it('an array of optionals is an array of the wrapped type; an optional array is optional', async () => {
    const r = await props('  var a: [Int?]\n  var b: [Tag]?');
    assert.deepEqual(r.props.map((p) => [p.type?.optional, p.type?.core]), [
      [false, { kind: 'array', element: { kind: 'named', name: 'Int' } }],
      [true, { kind: 'array', element: { kind: 'named', name: 'Tag' } }],
    ]);
  });

  it('an array of dictionaries and an array of tuples keep their element kinds', async () => {
    const r = await props('  var a: [[String: Int]]\n  var b: [(Int, Int)]');
    assert.deepEqual(r.props.map((p) => p.type?.core), [
      { kind: 'array', element: { kind: 'dictionary' } },
      { kind: 'array', element: { kind: 'other' } },
    ]);
  });

  it('a tuple type is `other`', async () => {
    const { type } = await typeOf('  var a: (Int, Int)');
    assert.deepEqual(type?.core, { kind: 'other' });
  });
});

describe('Swift type inference from initializers (type-ref.ts)', () => {
  /** `name -> inferred type` of each property of the body. */
  const inferred = async (body: string) => (await props(body)).props.map((p) => [p.name, p.inferredTypeName]);

  it('literals: strings, integers in every base, reals, booleans', async () => {
    assert.deepEqual(await inferred([
      '  var s = "x"', '  var m = """\n  x\n  """', '  var r = #"a "b" c"#',
      '  var i = 1', '  var h = 0x1F', '  var o = 0o7', '  var b = 0b1', '  var d = 1.5', '  var t = true',
    ].join('\n')), [
      ['s', 'String'], ['m', 'String'], ['r', 'String'],
      ['i', 'Int'], ['h', 'Int'], ['o', 'Int'], ['b', 'Int'], ['d', 'Double'], ['t', 'Bool'],
    ]);
  });

  it('a negated number has the number\'s type; another prefix operator gives none', async () => {
    assert.deepEqual(await inferred('  var a = -1\n  var b = -1.5\n  var c = !true'), [['a', 'Int'], ['b', 'Double'], ['c', undefined]]);
  });

  it('`T.member` gives T when T reads like a type name', async () => {
    assert.deepEqual(await inferred('  var a = Date.now\n  var b = Kind.one\n  var c = x.y\n  var d = xY.z\n  var e = Foo[0].Bar.x\n  var f = Foo().bar'), [
      ['a', 'Date'], ['b', 'Kind'], ['c', undefined], ['d', undefined], ['e', undefined], ['f', undefined],
    ]);
  });

  it('`T(...)` gives T; `A.B.make()` gives B; a lower-case call or a call of a call gives none', async () => {
    assert.deepEqual(await inferred('  var a = UUID()\n  var b = Foo.Bar.make()\n  var c = make()\n  var d = makeX()\n  var e = Foo()()'), [
      ['a', 'UUID'], ['b', 'Bar'], ['c', undefined], ['d', undefined], ['e', undefined],
    ]);
  });

  it('an annotated property has no inferred type, even with an initializer', async () => {
    const r = await props('  var a: Int = 5');
    assert.equal(r.props[0].inferredTypeName, undefined);
    assert.equal(r.props[0].type?.text, 'Int');
  });
});

describe('Swift attribute type mapping (attribute-types.ts)', () => {
  it('maps primitives, unsupported types and value types', () => {
    assert.deepEqual(
      ['Int', 'Float32', 'UInt', 'Any', 'Kind'].map(mapSwiftAttributeType),
      [{ kind: 'primitive', attributeType: 'Integer 64' }, { kind: 'primitive', attributeType: 'Float' }, { kind: 'unsupported' }, { kind: 'unsupported' }, { kind: 'value' }],
    );
  });

  it('knows primitives and unsupported types, not value types', () => {
    assert.deepEqual(['String', 'URL', 'UInt', 'AnyObject', 'Kind', 'Tag'].map(isKnownPrimitive), [true, true, true, true, false, false]);
  });
});
