import assert from 'node:assert/strict';
import { conflictMarkers, matchBrace, PbxprojLocator } from '../../../src/core/project/pbxproj-locator';

/**
 * Where things are in a project.pbxproj text (the parser gives values only): object ids at a line start,
 * object spans to their closing brace (strings and comments skipped), `KEY = value;` settings inside an
 * object, and git conflict-marker lines. Texts are written by us; expected offsets come from `indexOf`.
 */
const slice = (t: string, s: { start: number; end: number } | undefined) => (s ? t.slice(s.start, s.end) : undefined);

describe('project: pbxproj locator', () => {
  describe('objectStart', () => {
    it('the offset of the id, after indentation (tabs or spaces) and an opening quote', () => {
      const t = '{\n\t\tAA /* Debug */ = {\n  "b.c-D_1" = {\nCC={\n\t};\n}\n';
      const loc = new PbxprojLocator(t);
      assert.equal(loc.objectStart('AA'), t.indexOf('AA'));
      assert.equal(loc.objectStart('b.c-D_1'), t.indexOf('b.c-D_1'));
      assert.equal(loc.objectStart('CC'), t.indexOf('CC'));
    });

    it('only `ID = {` at a line start: not lists, not values, not after other text, not unknown ids', () => {
      const t = '{\n\tLIST = (\n\t);\n\tVALUE = x;\n\tA = { isa = B; }; NEXT = {\n\t};\n}\n';
      const loc = new PbxprojLocator(t);
      assert.deepEqual(['LIST', 'VALUE', 'NEXT', 'B', 'MISSING'].map((id) => loc.objectStart(id)), [undefined, undefined, undefined, undefined, undefined]);
      assert.equal(loc.objectStart('A'), t.indexOf('A = {'));
    });

    it('the first of several `KEY = {` lines with the same key', () => {
      const t = 'X = {\n\tbuildSettings = {\n\t};\n};\nY = {\n\tbuildSettings = {\n\t};\n};\n';
      assert.equal(new PbxprojLocator(t).objectStart('buildSettings'), t.indexOf('buildSettings'));
    });
  });

  describe('objectSpan', () => {
    it('from the id to after the closing brace, skipping braces in strings and comments', () => {
      const obj = 'AA = {\n\t\ta = "} \\" }";\n\t\tb = \'}\';\n\t\t/* } */\n\t\tc = (x, "(");\n\t\td = { e = f; };\n\t}';
      const t = `{\n\t${obj};\n\tBB = {\n\t};\n}\n`;
      const span = new PbxprojLocator(t).objectSpan('AA')!;
      assert.deepEqual(span, { start: t.indexOf(obj), end: t.indexOf(obj) + obj.length });
    });

    it('an unclosed object ends after its opening brace; an unknown id has no span', () => {
      const t = 'head\n\tAA /* x */ = { a = b;\n';
      const loc = new PbxprojLocator(t);
      assert.deepEqual(loc.objectSpan('AA'), { start: t.indexOf('AA'), end: t.indexOf('{') + 1 });
      assert.equal(loc.objectSpan('BB'), undefined);
    });
  });

  describe('settingSpan', () => {
    const obj = 'C = { isa = XCBuildConfiguration; buildSettings = {XCODE_KEY = 0; AxB = 1; A.B = 2;CODE_KEY = x;"K[sdk=iphoneos*]" = "v;w"; LIST = ("a;", \'b;\', {c = d;}); DICT = { e = f; }; SPACED   =   y; Q = \'x;y\'; }; name = Debug; }';
    const t = `{\n\t${obj};\n\tD = { OTHER = 1; };\n}\n`;
    const loc = new PbxprojLocator(t);

    it('a whole `KEY = value;`: bare, quoted (both quotes) with `;` inside, list, dictionary, spaces around `=`', () => {
      const cases: [string, string][] = [
        ['CODE_KEY', 'CODE_KEY = x;'],
        ['K[sdk=iphoneos*]', '"K[sdk=iphoneos*]" = "v;w";'],
        ['LIST', 'LIST = ("a;", \'b;\', {c = d;});'],
        ['DICT', 'DICT = { e = f; };'],
        ['SPACED', 'SPACED   =   y;'],
        ['Q', "Q = 'x;y';"],
      ];
      for (const [key, text] of cases) {
        const start = t.indexOf(text);
        assert.deepEqual(loc.settingSpan('C', key), { start, end: start + text.length }, key);
      }
    });

    it('the key must stand alone: not the tail of a longer key, and `.` matches only itself', () => {
      assert.equal(slice(t, loc.settingSpan('C', 'A.B')), 'A.B = 2;');
      assert.equal(slice(t, loc.settingSpan('C', 'CODE_KEY')), 'CODE_KEY = x;');
      assert.equal(slice(t, loc.settingSpan('C', 'XCODE_KEY')), 'XCODE_KEY = 0;', 'right after `{`');
      assert.equal(loc.settingSpan('C', 'CODE'), undefined);
    });

    it('only inside its object: a key of another object, or of an unknown object, is not found', () => {
      assert.equal(loc.settingSpan('C', 'OTHER'), undefined);
      assert.equal(slice(t, loc.settingSpan('D', 'OTHER')), 'OTHER = 1;');
      assert.equal(loc.settingSpan('E', 'OTHER'), undefined);
    });

    it('the key may start the object text (its own id)', () => {
      assert.equal(slice(t, loc.settingSpan('D', 'D')), 'D = { OTHER = 1; };');
    });

    it('a value without its `;` runs to the end of the text', () => {
      const quoted = '{\n\tC = {\n\t\tA = "x;" }\n';
      assert.deepEqual(new PbxprojLocator(quoted).settingSpan('C', 'A'), { start: quoted.indexOf('A ='), end: quoted.length });
      // An unclosed list after the match (here a key-like text inside a string): to the end, not a loop.
      const inString = 'x;\n\tC = { B = " A = ( "; };\n';
      assert.deepEqual(new PbxprojLocator(inString).settingSpan('C', 'A'), { start: inString.indexOf('A ='), end: inString.length });
      const bare = '{\n\tC = {\n\t\tA = x }';
      assert.deepEqual(new PbxprojLocator(bare).settingSpan('C', 'A'), { start: bare.indexOf('A ='), end: bare.length });
    });
  });

  describe('matchBrace', () => {
    it('the index of the closing brace; parentheses nest the same way', () => {
      assert.equal(matchBrace('x{a{b}c}d', 1), 7);
      assert.equal(matchBrace('(a, (b), {c})', 0), 12);
      assert.equal(matchBrace('{a)', 0), 2);
    });

    it('strings (double, single, escaped quotes) and comments (block, line) do not count', () => {
      assert.equal(matchBrace('{ "}" }', 0), 6);
      assert.equal(matchBrace('{ \'}\' }', 0), 6);
      assert.equal(matchBrace('{ "\\"}" }', 0), 8);
      assert.equal(matchBrace('{ /* } */ }', 0), 10);
      assert.equal(matchBrace('{ /* a *//}\n}', 0), 10, 'the comment ends at its `*/`, not one character early');
      assert.equal(matchBrace('{ // }\n }', 0), 8);
      assert.equal(matchBrace('{ a/b }', 0), 6);
    });

    it('-1 when nothing closes: unbalanced, a string, a block comment or a last-line comment left open', () => {
      for (const t of ['{ { }', '{ "}', '{ /* }', '{ // }', '}']) assert.equal(matchBrace(t, 0), -1, t);
    });
  });

  describe('conflictMarkers', () => {
    it('the lines of all four marker kinds, with or without a label, CRLF excluded from the span', () => {
      const t = 'a\n<<<<<<< HEAD\nb\n||||||| base\n=======\n>>>>>>>\tfeature/x\r\nc\n';
      const line = (s: string) => ({ start: t.indexOf(s), end: t.indexOf(s) + s.length });
      assert.deepEqual(conflictMarkers(t), [line('<<<<<<< HEAD'), line('||||||| base'), line('======='), line('>>>>>>>\tfeature/x')]);
    });

    it('not indented markers, six or eight characters, or a label without a separator', () => {
      assert.deepEqual(conflictMarkers(' <<<<<<< HEAD\n<<<<<< HEAD\n<<<<<<<< HEAD\n========\n<<<<<<<HEAD\n'), []);
      assert.deepEqual(conflictMarkers('======='), [{ start: 0, end: 7 }]);
    });
  });
});
