import assert from 'node:assert/strict';
import { lintModel } from '../../../src/core/rules';
import { applyEdits } from '../../../src/core/text/span';
import { readTypeScriptModel } from '../../../src/typescript/model-reader';

const wrap = (entities: string, extra = ''): string =>
  `import { defineModel } from './cloudkit-modeldef';\n\nexport default defineModel({\n  usedWithCloudKit: true,${extra}\n  entities: ${entities},\n});\n`;

/** The problems of a read, as `message @ source text`. */
function problems(text: string): string[] {
  return readTypeScriptModel(text).model.problems.map((p) => `${p.severity}: ${p.message} @ ${text.slice(p.span.start, p.span.end)}`);
}

describe('TypeScript model reader', () => {
  it('reads entities, attributes, relationships, constraints, configurations and userInfo with XML vocabulary', () => {
    const text = wrap(`{
    Note: {
      representedClassName: 'NoteMO', parent: 'Base', renamingIdentifier: 'OldNote',
      attributes: {
        title: { type: 'String', optional: true, default: 'Untitled' },
        created: { type: 'Date', default: 0 },
        done: { type: "Boolean", default: false },
        score: { type: 'Double', default: -1.5, transient: true },
        thumb: { type: 'Transformable', valueTransformerName: 'NSSecureUnarchiveFromDataTransformerName', allowsCloudEncryption: true },
        raw: { type: 'Undefined' },
      },
      relationships: {
        folder: { destination: 'Folder', inverse: 'notes', optional: true, deletionRule: 'Cascade', maxCount: 1 },
      },
      uniquenessConstraints: [['title'], ['created', 'done']],
      userInfo: { NSCloudKitMirroringDelegateIgnoredPropertyKey: 'YES' },
    },
    Base: { abstract: true },
    Folder: { relationships: { notes: { destination: 'Note', inverse: 'folder', toMany: true, ordered: true } } },
  }`, `\n  configurations: { Cloud: { entities: ['Note', 'Folder'], usedWithCloudKit: true } },`);
    const { model } = readTypeScriptModel(text);
    assert.deepEqual(model.problems, []);
    assert.equal(model.format, 'typescript');
    assert.equal(model.usedWithCloudKit, true);
    assert.equal(model.sourceText, text);
    const [note, base, folder] = model.entities;
    assert.deepEqual([note.name, note.parentEntity, note.representedClassName, note.elementID, base.isAbstract], ['Note', 'Base', 'NoteMO', 'OldNote', true]);
    const byName = Object.fromEntries(note.attributes.map((a) => [a.name, a]));
    assert.equal(byName.title.defaultValueString, 'Untitled');
    assert.equal(byName.title.optional, true);
    assert.equal(byName.created.defaultDateTimeInterval, '0');
    assert.equal(byName.created.defaultValueString, undefined);
    assert.equal(byName.done.defaultValueString, 'NO');
    assert.equal(byName.score.defaultValueString, '-1.5');
    assert.equal(byName.score.transient, true);
    assert.equal(byName.thumb.allowsCloudEncryption, true);
    assert.equal(byName.raw.attributeType, undefined);
    assert.equal(text.slice(byName.title.attrs.attributeType.valueSpan.start, byName.title.attrs.attributeType.valueSpan.end), 'String');
    assert.equal(text.slice(byName.title.attrs.optional.span.start, byName.title.attrs.optional.span.end), 'optional: true');
    const rel = note.relationships[0];
    assert.deepEqual([rel.destinationEntity, rel.inverseName, rel.inverseEntity, rel.deletionRule, rel.maxCount, rel.toMany], ['Folder', 'notes', 'Folder', 'Cascade', 1, false]);
    assert.deepEqual([folder.relationships[0].toMany, folder.relationships[0].ordered, folder.relationships[0].deletionRule], [true, true, 'Nullify']);
    assert.deepEqual(note.uniquenessConstraints.map((c) => c.properties.map((p) => p.name)), [['title'], ['created', 'done']]);
    assert.ok(text.slice(note.uniquenessConstraintsSpan!.start, note.uniquenessConstraintsSpan!.end).startsWith('uniquenessConstraints: [['));
    assert.deepEqual(note.userInfo.map((u) => [u.key, u.value]), [['NSCloudKitMirroringDelegateIgnoredPropertyKey', 'YES']]);
    assert.deepEqual(model.configurations.map((c) => [c.name, c.usedWithCloudKit, c.memberEntities.map((m) => m.name)]), [['Cloud', true, ['Note', 'Folder']]]);
    assert.equal(text.slice(note.nameSpan.start, note.nameSpan.end), 'Note');
  });

  it('accepts as const, satisfies, parentheses, quoted keys and template literals', () => {
    const text = `const m = defineModel(({ entities: { 'Note Item': { attributes: { "title": { type: \`String\`, optional: true } } } } } as const) satisfies object);`;
    const { model } = readTypeScriptModel(text);
    assert.deepEqual(model.problems, []);
    assert.equal(model.entities[0].name, 'Note Item');
    assert.equal(model.entities[0].attributes[0].attributeType, 'String');
    assert.equal(text.slice(model.entities[0].nameSpan.start, model.entities[0].nameSpan.end), 'Note Item');
  });

  it('reports spreads, computed keys, shorthand, variables, calls and methods at their ranges', () => {
    const text = wrap(`{
    ...shared,
    [name]: {},
    Note: {
      attributes: {
        title: { type: 'String', ...common },
        body: bodyAttribute,
        size: { type: 'Integer 64', default: compute() },
        kind: { type: \`\${prefix}String\` },
        optional,
        get x() { return 1; },
      },
    },
  }`);
    const p = problems(text);
    const expect = [
      /Spread .* entities .*@ \.\.\.shared$/,
      /Computed key \[name\] in entities .*@ \[name\]$/,
      /Spread .* attribute 'title' of entity 'Note'.*@ \.\.\.common$/,
      /Attribute 'body' of entity 'Note' must be an object literal .* not the variable 'bodyAttribute'.*@ bodyAttribute$/,
      /'default' of attribute 'size' of entity 'Note' must be a string literal, not a function call @ compute\(\)$/,
      /'type' of attribute 'kind'.* must be a string literal, not a template string with substitutions/,
      /Shorthand property 'optional' .*@ optional$/,
      /Only 'key: value' properties are supported .*@ get x\(\)/,
    ];
    for (const re of expect) assert.ok(p.some((x) => re.test(x)), `${re}\n${p.join('\n')}`);
    assert.ok(readTypeScriptModel(text).model.problems.every((x) => x.severity === 'error'));
  });

  it('reports unknown keys (warning), unknown types and deletion rules, missing type and destination', () => {
    const text = wrap(`{
    Note: {
      atributes: {},
      attributes: { a: { type: 'Strin', optionl: true }, b: { optional: true } },
      relationships: { r: { destination: 'Note', deletionRule: 'Delete' }, s: { toMany: true } },
    },
  }`);
    const p = problems(text);
    for (const re of [
      /^warning: Unknown key 'atributes' in entity 'Note'; expected one of: attributes, relationships.*@ atributes$/,
      /^warning: Unknown key 'optionl' in attribute 'a' of entity 'Note'.*@ optionl$/,
      /^error: Unknown attribute type 'Strin' .* expected one of: Integer 16.*@ Strin$/,
      /^error: Attribute 'b' of entity 'Note' has no 'type' @ b$/,
      /^error: Unknown deletion rule 'Delete' .*@ Delete$/,
      /^error: Relationship 's' of entity 'Note' has no 'destination' @ s$/,
    ]) assert.ok(p.some((x) => re.test(x)), `${re}\n${p.join('\n')}`);
  });

  it('reports a file without defineModel, a non-literal argument and extra calls, and never throws on garbage', () => {
    assert.match(problems('export const x = 1;\n')[0], /^warning: No defineModel\(\{ entities/);
    assert.match(problems('defineModel(model);')[0], /^error: The argument of defineModel must be an object literal .* not the variable 'model'/);
    assert.match(problems('defineModel();')[0], /defineModel takes one object literal argument \(found 0\)/);
    assert.ok(problems('defineModel({ entities: {} }); defineModel({ entities: {} });').some((x) => /Only the first defineModel/.test(x)));
    const junk: [string, RegExp][] = [
      ['', /^warning: No defineModel\(\{ entities/],
      ['}{', /^warning: No defineModel\(\{ entities/],
      ['defineModel({ entities: { A: { attributes: { a: { type: ', /^error: 'type' of attribute 'a' of entity 'A' must be a string literal/],
      ['\u0000\uffff', /^warning: No defineModel\(\{ entities/],
      ['defineModel({ entities: 5 })', /^error: 'entities' of the model must be an object literal/],
    ];
    for (const [text, first] of junk) {
      const { model } = readTypeScriptModel(text);
      assert.equal(model.problems.length, 1, JSON.stringify(text));
      assert.match(`${model.problems[0].severity}: ${model.problems[0].message}`, first);
      const span = model.problems[0].span;
      assert.ok(span && span.start <= span.end && span.end <= text.length, `${JSON.stringify(text)}: span inside the text`);
      // Linting what was read does not throw either, and reports the read problem as a syntax finding.
      assert.ok(lintModel(model, undefined).some((f) => f.ruleId === 'syntax'), JSON.stringify(text));
    }
  });

  it('read problems reach lintModel as syntax findings with ranges', () => {
    const text = wrap(`{ Note: { attributes: { a: { type: 'Strin' } } } }`);
    const { model, editor } = readTypeScriptModel(text);
    const f = lintModel(model, editor);
    assert.equal(f[0].ruleId, 'syntax');
    assert.equal(f[0].range.start.line, 4);
  });
});

describe('TypeScript ModelEditor', () => {
  const read = (t: string) => readTypeScriptModel(t);

  it('inserts into single-line objects and multi-line objects, keeping indentation and CRLF', () => {
    const single = `defineModel({ entities: { N: { attributes: { a: { type: 'String' } } } } });`;
    let m = read(single);
    assert.equal(applyEdits(single, m.editor.setOptional(m.model.entities[0].attributes[0])),
      `defineModel({ entities: { N: { attributes: { a: { type: 'String', optional: true } } } } });`);
    const multi = `defineModel({\r\n  entities: {\r\n    N: {\r\n      attributes: {\r\n        a: {\r\n          type: "String",\r\n        },\r\n      },\r\n    },\r\n  },\r\n});\r\n`;
    m = read(multi);
    const out = applyEdits(multi, m.editor.setDefaultValue(m.model.entities[0].attributes[0], 'it\'s "x"')!);
    assert.equal(out, multi.replace('type: "String",\r\n', 'type: "String",\r\n          default: "it\'s \\"x\\"",\r\n'));
    assert.deepEqual(read(out).model.entities[0].attributes[0].defaultValueString, 'it\'s "x"');
  });

  it('sets defaults as typed literals, replaces existing ones, and refuses types without defaults', () => {
    const t = `defineModel({ entities: { N: { attributes: { b: { type: 'Boolean' }, d: { type: 'Date', default: 5 }, n: { type: 'Integer 16' }, u: { type: 'UUID' } } } } });`;
    const m = read(t);
    const [b, d, n, u] = m.model.entities[0].attributes;
    assert.equal(applyEdits(t, m.editor.setDefaultValue(b, 'NO')!).includes(`b: { type: 'Boolean', default: false }`), true);
    assert.equal(applyEdits(t, m.editor.setDefaultValue(d, '0')!).includes(`d: { type: 'Date', default: 0 }`), true);
    assert.equal(applyEdits(t, m.editor.setDefaultValue(n, '0')!).includes(`n: { type: 'Integer 16', default: 0 }`), true);
    assert.equal(m.editor.setDefaultValue(u, 'x'), undefined);
  });

  it('removes constraints and ordered with their comma or whole line; replaces literals in place', () => {
    const t = [
      'defineModel({',
      '  entities: {',
      '    N: {',
      "      uniquenessConstraints: [['a']],",
      "      relationships: { r: { destination: 'N', ordered: true, optional: false, deletionRule: 'Deny' } },",
      '    },',
      '  },',
      '});',
    ].join('\n');
    const m = read(t);
    const n = m.model.entities[0];
    const r = n.relationships[0];
    const out = applyEdits(t, [...m.editor.removeUniquenessConstraints(n), ...m.editor.setUnordered(r), ...m.editor.setOptional(r), ...m.editor.setDeletionRule(r, 'Nullify')]);
    assert.equal(out, [
      'defineModel({',
      '  entities: {',
      '    N: {',
      "      relationships: { r: { destination: 'N', optional: true, deletionRule: 'Nullify' } },",
      '    },',
      '  },',
      '});',
    ].join('\n'));
    const last = `defineModel({ entities: { N: { relationships: { r: { destination: 'N', ordered: true } } } } });`;
    const m2 = read(last);
    assert.equal(applyEdits(last, m2.editor.setUnordered(m2.model.entities[0].relationships[0])), `defineModel({ entities: { N: { relationships: { r: { destination: 'N' } } } } });`);
  });

  it('adds an inverse into an existing relationships object or a new one, quoting odd names', () => {
    const t = `defineModel({ entities: { A: { relationships: { bs: { destination: 'B', toMany: true } } }, B: {}, C: { relationships: {} } } });`;
    const m = read(t);
    const [a] = m.model.entities;
    const out = applyEdits(t, m.editor.addInverseRelationship(a, a.relationships[0], { name: 'the a', toMany: false }));
    assert.equal(out, `defineModel({ entities: { A: { relationships: { bs: { destination: 'B', toMany: true, inverse: 'the a' } } }, B: { relationships: { 'the a': { destination: 'A', inverse: 'bs', optional: true } } }, C: { relationships: {} } } });`);
    const again = read(out);
    assert.deepEqual(again.model.problems, []);
    assert.equal(again.model.entities[1].relationships[0].inverseName, 'bs');
  });
});
