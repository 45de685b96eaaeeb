import assert from 'node:assert/strict';
import { checkCkdb } from '../../../src/core/ckdb/check-ckdb';
import { deriveSchema } from '../../../src/core/cloudkit/derive';
import { parseCkdb } from '../../../src/core/ckdb/parser';
import { printSchema } from '../../../src/core/ckdb/printer';
import { readModelIR } from '../../../src/core/model/xml/reader';
import { applyEdits } from '../../../src/core/text/span';

/** Issue 17, "Quick fixes and schema output that produce broken files": each case failed before its fix. */
const xml = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<model type="com.apple.IDECoreDataModeler.DataModel" documentVersion="1.0" usedWithCloudKit="YES">
${body}
</model>`;

describe('.ckdb output and checks on hostile input (issue 17)', () => {
  it('CKS010 inserts the system fields after the real "(", not one inside a comment', () => {
    const text = 'DEFINE SCHEMA\n    RECORD TYPE Feed // (\n    (\n        title STRING\n    );\n';
    const f = checkCkdb(text).find((x) => x.ruleId === 'CKS010')!;
    const after = applyEdits(text, f.fixes![0].edits);
    assert.deepEqual(parseCkdb(after).findings.filter((x) => x.severity === 'error'), []);
    assert.ok(after.includes('RECORD TYPE Feed // (\n    ('));
    assert.deepEqual(checkCkdb(after).filter((x) => x.ruleId === 'CKS010'), []);
  });

  it('a lone surrogate is one character: every span stays inside the text', () => {
    for (const text of ['DEFINE SCHEMA\n\uD800', 'DEFINE SCHEMA\n\uD800x', 'DEFINE SCHEMA\n\uDC00', 'DEFINE SCHEMA\n\uD83D\uDE00']) {
      for (const f of checkCkdb(text)) {
        assert.ok(f.span.start >= 0 && f.span.start <= f.span.end && f.span.end <= text.length, `${JSON.stringify(text)}: ${JSON.stringify(f.span)}`);
      }
    }
    const pair = parseCkdb('DEFINE SCHEMA\n\uD83D\uDE00').findings[0];
    assert.equal(pair.span.end - pair.span.start, 2, 'a surrogate pair stays one token');
  });

  it('150,000 record types: CKS010 reports each one (no spread of an unbounded array)', function () {
    this.timeout(60_000);
    const n = 150_000;
    const parts = ['DEFINE SCHEMA'];
    for (let i = 0; i < n; i++) parts.push(`RECORD TYPE T${i} (f STRING);`);
    const findings = checkCkdb(parts.join('\n'));
    assert.ok(!findings.some((f) => f.message.startsWith('Internal error')), findings.find((f) => f.message.startsWith('Internal error'))?.message);
    assert.equal(findings.filter((f) => f.ruleId === 'CKS010').length, n);
  });

  it('attribute types named like Object.prototype members are unsupported, not mapped', () => {
    const m = readModelIR(xml(`    <entity name="Item">
        <attribute name="a" optional="YES" attributeType="constructor"/>
        <attribute name="b" optional="YES" attributeType="toString"/>
        <attribute name="c" optional="YES" attributeType="__proto__"/>
        <attribute name="d" optional="YES" attributeType="valueOf"/>
        <attribute name="e" optional="YES" attributeType="hasOwnProperty"/>
    </entity>`));
    const s = deriveSchema(m, { profile: 'export' });
    const item = s.recordTypes.find((t) => t.name === 'CD_Item')!;
    assert.deepEqual(item.fields.map((f) => f.name).filter((n) => n.startsWith('CD_')), ['CD_entityName']);
    assert.doesNotMatch(printSchema(s), /native code|function/);
  });

  it('a name CloudKit cannot hold is left out of the schema, with a note; the output still parses', () => {
    const m = readModelIR(xml(`    <entity name="Item">
        <attribute name="a&quot;b" optional="YES" attributeType="String"/>
        <attribute name="ok" optional="YES" attributeType="String"/>
    </entity>
    <entity name="Bad&quot;Type"><attribute name="x" optional="YES" attributeType="String"/></entity>`));
    const text = printSchema(deriveSchema(m, { profile: 'export' }));
    assert.doesNotMatch(text, /"CD_a"b"/);
    const parsed = parseCkdb(text);
    assert.deepEqual(parsed.findings.filter((f) => f.severity === 'error'), []);
    assert.deepEqual(parsed.schema.recordTypes.map((t) => t.name), ['CD_Item', 'Users']);
    assert.deepEqual(parsed.schema.recordTypes[0].fields.map((f) => f.name).filter((n) => n.startsWith('CD_')), ['CD_entityName', 'CD_ok']);
    assert.match(text, /^\/\/ CD_Item\."CD_a\\"b" left out: CloudKit type and field names are letters, digits and underscores, starting with a letter \(CK019\)\.\n/);
    assert.match(text, /\/\/ Record type "CD_Bad\\"Type" left out/);
  });
});
