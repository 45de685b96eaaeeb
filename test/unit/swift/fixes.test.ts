import assert from 'node:assert/strict';
import type { TextEdit } from '../../../src/core/text/span';
import { lintSwiftModel, type SwiftFinding } from '../../../src/core/model/swift/lint';
import { readSwift, swiftParser } from '../../helpers/swift';

/** Applies edits (non-overlapping) from the end so offsets stay valid. */
function apply(text: string, edits: readonly TextEdit[]): string {
  return [...edits].sort((a, b) => b.span.start - a.span.start).reduce((t, e) => t.slice(0, e.span.start) + e.newText + t.slice(e.span.end), text);
}

async function lint(files: Record<string, string>): Promise<SwiftFinding[]> {
  return lintSwiftModel(await readSwift(files));
}

/**
 * Applies the named fix of the first `rule` finding on `decl`, re-reads, and checks: the finding is gone,
 * the files became exactly `expected` (nothing else changed), every file still parses without errors.
 */
async function check(files: Record<string, string>, rule: string, decl: string, title: RegExp, expected: Record<string, string>): Promise<void> {
  const before = await lint(files);
  const f = before.find((x) => x.finding.ruleId === rule && x.finding.message.endsWith(`(Swift: ${decl})`));
  assert.ok(f, `${rule} on ${decl}: ${before.map((x) => x.finding.message).join('\n')}`);
  assert.match(f.finding.message, /^CloudKit integration|^The following relationships/, 'Apple runtime text first');
  const fix = f.finding.fixes?.find((x) => title.test(x.title));
  assert.ok(fix, `fix ${title} among ${f.finding.fixes?.map((x) => x.title).join(', ')}`);
  const after: Record<string, string> = { ...files };
  after[f.file] = apply(files[f.file], fix.edits);
  for (const [path, edits] of Object.entries(fix.otherFiles ?? {})) after[path] = apply(files[path], edits);
  assert.deepEqual(after, expected);
  assert.deepEqual((await readSwift(after)).model.problems, [], 'the files still read without a problem');
  const parser = await swiftParser();
  // tree-sitter-swift has no member macros (#Index): files with one are checked by the reader above.
  for (const [path, text] of Object.entries(after).filter(([, t]) => !/#(Index|Unique)\b/.test(t))) {
    const tree = parser.parse(text);
    try {
      assert.equal(tree.rootNode.hasError, false, `${path} still parses`);
    } finally {
      tree.delete();
    }
  }
  const again = await lint(after);
  assert.ok(!again.some((x) => x.finding.ruleId === rule && x.finding.message.endsWith(`(Swift: ${decl})`)), `${rule} gone`);
}

describe('SwiftData quick fixes (minimal Swift edits)', () => {
  it('CK002: make the property optional (String -> String?)', () => check(
    { 'Item.swift': '@Model class Item {\n    var title: String\n    init() {}\n}\n' }, 'CK002', 'Item.title', /optional/,
    { 'Item.swift': '@Model class Item {\n    var title: String?\n    init() {}\n}\n' }));

  it('CK002: add a default of the right type (Int -> = 0, Date -> reference date, Bool -> false)', async () => {
    await check({ 'Item.swift': '@Model class Item {\n    var count: Int\n}\n' }, 'CK002', 'Item.count', /default/,
      { 'Item.swift': '@Model class Item {\n    var count: Int = 0\n}\n' });
    await check({ 'Item.swift': '@Model class Item {\n    var at: Date\n}\n' }, 'CK002', 'Item.at', /default/,
      { 'Item.swift': '@Model class Item {\n    var at: Date = Date(timeIntervalSinceReferenceDate: 0)\n}\n' });
    await check({ 'Item.swift': '@Model class Item {\n    var done: Bool { didSet { } }\n}\n' }, 'CK002', 'Item.done', /default/,
      { 'Item.swift': '@Model class Item {\n    var done: Bool = false { didSet { } }\n}\n' });
  });

  it('CK001: remove .unique from @Attribute(...), keeping the other options', () => check(
    { 'Item.swift': '@Model class Item {\n    @Attribute(.unique, .externalStorage) var photo: Data?\n}\n' }, 'CK001', 'Item.photo', /Remove/,
    { 'Item.swift': '@Model class Item {\n    @Attribute(.externalStorage) var photo: Data?\n}\n' }));

  it('CK001: remove the whole @Attribute(.unique) when it is left empty (own line, then same line)', async () => {
    await check({ 'Item.swift': '@Model class Item {\n    @Attribute(.unique)\n    var id: String = ""\n}\n' }, 'CK001', 'Item.id', /Remove/,
      { 'Item.swift': '@Model class Item {\n    var id: String = ""\n}\n' });
    await check({ 'Item.swift': '@Model class Item {\n    @Attribute(.unique) var id: String = ""\n}\n' }, 'CK001', 'Item.id', /Remove/,
      { 'Item.swift': '@Model class Item {\n    var id: String = ""\n}\n' });
  });

  it('CK001: remove a #Unique line', () => check(
    { 'Trip.swift': '@Model class Trip {\n    #Unique<Trip>([\\.name, \\.start])\n    #Index<Trip>([\\.name])\n    var name: String = ""\n    var start: Date = .now\n}\n' },
    'CK001', 'Trip', /Remove/,
    { 'Trip.swift': '@Model class Trip {\n    #Index<Trip>([\\.name])\n    var name: String = ""\n    var start: Date = .now\n}\n' }));

  it('CK006: .deny -> .nullify', () => check(
    { 'Folder.swift': '@Model class Folder {\n    @Relationship(deleteRule: .deny, inverse: \\Note.folder) var notes: [Note]? = []\n}\n@Model class Note { var folder: Folder? }\n' },
    'CK006', 'Folder.notes', /Nullify/,
    { 'Folder.swift': '@Model class Folder {\n    @Relationship(deleteRule: .nullify, inverse: \\Note.folder) var notes: [Note]? = []\n}\n@Model class Note { var folder: Folder? }\n' }));

  it('CK003: a non-optional to-many becomes optional ([T] -> [T]?)', () => check(
    { 'Folder.swift': '@Model class Folder {\n    var notes: [Note] = []\n}\n@Model class Note { var folder: Folder? }\n' }, 'CK003', 'Folder.notes', /optional/,
    { 'Folder.swift': '@Model class Folder {\n    var notes: [Note]? = []\n}\n@Model class Note { var folder: Folder? }\n' }));

  it('CK004: add the inverse: argument naming the existing property back (ambiguous inference)', () => check(
    { 'Bird.swift': '@Model class Bird {\n    @Relationship(deleteRule: .nullify) var favorite: Food?\n    var disliked: Food?\n}\n', 'Food.swift': '@Model class Food {\n    var birds: [Bird]? = []\n}\n' },
    'CK004', 'Bird.favorite', /inverse/,
    { 'Bird.swift': '@Model class Bird {\n    @Relationship(deleteRule: .nullify, inverse: \\Food.birds) var favorite: Food?\n    var disliked: Food?\n}\n', 'Food.swift': '@Model class Food {\n    var birds: [Bird]? = []\n}\n' }));

  it('CK004: with nothing to point at, adds the inverse property in the other file and the inverse: argument', () => check(
    { 'Bird.swift': '@Model class Bird {\n    var favorite: Food?\n    var disliked: Food?\n}\n', 'Food.swift': '@Model class Food {\n    var name: String = ""\n}\n' },
    'CK004', 'Bird.favorite', /inverse/,
    { 'Bird.swift': '@Model class Bird {\n    @Relationship(inverse: \\Food.birds) var favorite: Food?\n    var disliked: Food?\n}\n', 'Food.swift': '@Model class Food {\n    var birds: [Bird]? = []\n    var name: String = ""\n}\n' }));

  it('a finding is at the Swift declaration in its own file, with a 0-based line range', async () => {
    const f = (await lint({ 'A.swift': '// a\n@Model class A { var ok: Int = 0 }\n', 'B.swift': '\n\n@Model class B {\n  var title: String\n}\n' }))
      .find((x) => x.finding.ruleId === 'CK002')!;
    assert.equal(f.file, 'B.swift');
    assert.deepEqual(f.finding.range, { start: { line: 3, character: 6 }, end: { line: 3, character: 11 } });
    assert.equal(f.finding.message, 'CloudKit integration requires that all attributes be optional, or have a default value set. The following attributes are marked non-optional but do not have a default value: B: title (Swift: B.title)');
  });
});
