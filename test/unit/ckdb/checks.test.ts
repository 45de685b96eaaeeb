import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { checkCkdb } from '../../../src/core/ckdb/check-ckdb';
import { CKDB_CHECKS } from '../../../src/core/ckdb/checks';
import { parseCkdb } from '../../../src/core/ckdb/parser';
import { applyEdits } from '../../../src/core/text/span';
import { REPO_ROOT } from '../../helpers/paths';

const SYS = `"___createTime" TIMESTAMP, "___createdBy" REFERENCE, "___etag" STRING, "___modTime" TIMESTAMP, "___modifiedBy" REFERENCE, "___recordID" REFERENCE QUERYABLE`;

/** A schema with one record type holding the system fields plus `members`. */
function schema(members: string, prefix = ''): string {
  return `DEFINE SCHEMA\n${prefix}    RECORD TYPE T (\n        ${SYS},\n        ${members}\n    );\n`;
}

function ids(text: string): string[] {
  return checkCkdb(text).map((f) => `${f.ruleId}@${f.range.start.line + 1}`);
}

function only(text: string, ruleId: string) {
  const fs = checkCkdb(text).filter((f) => f.ruleId === ruleId);
  return fs;
}

function applyFirstFix(text: string, ruleId: string): string {
  const f = only(text, ruleId)[0];
  assert.ok(f?.fixes?.length, `expected a fix for ${ruleId}`);
  return applyEdits(text, f.fixes![0].edits);
}

describe('ckdb checks', () => {
  it('gives the parser\'s and the checks\' findings together in text order', () => {
    // The parser's syntax error (line 3) is found before the checks run; CKS002's finding (line 2) must still come first.
    const text = `DEFINE SCHEMA\n    RECORD TYPE T ( ${SYS}, _under STRING );\n    RECORD TYPE U ( ${SYS}, broken );\n`;
    const found = ids(text);
    assert.ok(found.includes('CKS002@2') && found.some((f) => f.startsWith('syntax@3')), found.join(', '));
    const lines = found.map((f) => Number(f.split('@')[1]));
    assert.deepEqual(lines, [...lines].sort((a, b) => a - b), found.join(', '));
  });

  it('a clean schema has no findings', () => {
    assert.deepEqual(ids(schema('name STRING QUERYABLE, GRANT READ TO "_world"')), []);
  });

  it('CKS001 flags unquoted reserved words and quotes them', () => {
    const text = schema('queryable STRING, "sortable" STRING, grant STRING');
    assert.deepEqual(only(text, 'CKS001').map((f) => f.message.split(' ')[0]), [`'queryable'`, `'grant'`]);
    const fixed = applyFirstFix(text, 'CKS001');
    assert.match(fixed, /"queryable" STRING/);
    assert.equal(only(fixed, 'CKS001').length, 1);
  });

  it('CKS002 flags unquoted _-prefixed names', () => {
    const text = `DEFINE SCHEMA RECORD TYPE T ( ___recordID REFERENCE QUERYABLE, GRANT READ TO _world );`;
    assert.deepEqual(only(text, 'CKS002').map((f) => f.message.split(' ')[0]), [`'___recordID'`, `'_world'`]);
    assert.match(applyFirstFix(text, 'CKS002'), /\( "___recordID" REFERENCE/);
  });

  it('CKS003 flags two roles in one GRANT and splits them', () => {
    const text = schema('x STRING,\n        GRANT CREATE TO "_creator", "_icloud",\n        GRANT READ TO "_world"');
    const f = only(text, 'CKS003');
    assert.equal(f.length, 1);
    assert.equal(f[0].range.start.line, 4);
    const fixed = applyFirstFix(text, 'CKS003');
    assert.match(fixed, /GRANT CREATE TO "_creator",\n        GRANT CREATE TO "_icloud",/);
    assert.deepEqual(checkCkdb(fixed), []);
  });

  it('CKS004 flags an index on an encrypted field and removes it', () => {
    const text = schema('secret ENCRYPTED STRING QUERYABLE SORTABLE, tags LIST<ENCRYPTED STRING> QUERYABLE, plain ENCRYPTED INT64');
    assert.equal(only(text, 'CKS004').length, 2);
    const fixed = applyFirstFix(text, 'CKS004');
    assert.match(fixed, /secret ENCRYPTED STRING, tags/);
  });

  it('CKS005 flags duplicate record types and roles with the first as related', () => {
    const text = `DEFINE SCHEMA CREATE ROLE A; CREATE ROLE A; RECORD TYPE T ( ${SYS} ); RECORD TYPE T ( ${SYS} );`;
    const f = only(text, 'CKS005');
    assert.equal(f.length, 2);
    assert.ok(f.every((x) => x.related?.length === 1));
  });

  it('CKS006 flags a duplicate field (quoted and bare spellings are the same name)', () => {
    const f = only(schema('name STRING, "name" INT64'), 'CKS006');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /'name' is declared more than once/);
  });

  it('CKS007 flags more than 256 fields, not 256', () => {
    const fields = (n: number) => Array.from({ length: n }, (_, i) => `f${i} STRING`).join(', ');
    assert.equal(only(schema(fields(256)), 'CKS007').length, 0);
    const f = only(schema(fields(257)), 'CKS007');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /257 fields/);
  });

  it('CKS008 flags a GRANT to an undeclared role', () => {
    assert.equal(only(schema('x STRING, GRANT READ TO Admin'), 'CKS008').length, 1);
    assert.equal(only(schema('x STRING, GRANT READ TO Admin', '    CREATE ROLE Admin;\n'), 'CKS008').length, 0);
    assert.match(only(schema('x STRING, GRANT READ TO world'), 'CKS008')[0].message, /Did you mean "_world"/);
  });

  it('CKS009 flags NUMBER without PREFERRED AS and offers both types', () => {
    const text = schema('n NUMBER QUERYABLE, m NUMBER PREFERRED AS INT64, l LIST<NUMBER>');
    const f = only(text, 'CKS009');
    assert.equal(f.length, 2);
    assert.equal(f[0].severity, 'warning');
    assert.deepEqual(f[0].fixes!.map((x) => x.title), ['Add PREFERRED AS INT64', 'Add PREFERRED AS DOUBLE']);
    assert.match(applyEdits(text, f[0].fixes![1].edits), /n NUMBER PREFERRED AS DOUBLE QUERYABLE/);
    assert.match(applyEdits(text, f[1].fixes![0].edits), /l LIST<NUMBER PREFERRED AS INT64>/);
  });

  it('CKS010 warns when ___recordID is missing and adds the system fields', () => {
    const text = `DEFINE SCHEMA\n    RECORD TYPE T (\n        name STRING\n    );\n`;
    const f = only(text, 'CKS010');
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'warning');
    assert.match(f[0].message, /recordName is not marked queryable/);
    const fixed = applyFirstFix(text, 'CKS010');
    assert.match(fixed, /\(\n        "___createTime" TIMESTAMP,\n/);
    assert.match(fixed, /"___recordID" REFERENCE QUERYABLE,\n        name STRING/);
    assert.deepEqual(checkCkdb(fixed), []);
    // Only ___recordID present: info, not warning.
    const partial = only(`DEFINE SCHEMA RECORD TYPE T ( "___recordID" REFERENCE QUERYABLE );`, 'CKS010');
    assert.equal(partial[0].severity, 'info');
  });

  it('CKS011 flags invalid identifiers but not system names', () => {
    const text = `DEFINE SCHEMA RECORD TYPE "cloudkit.share" ( ${SYS}, "cloudkit.title" STRING ); RECORD TYPE "My Type" ( ${SYS}, "9lives" INT64, "_secret" STRING, "a-b" STRING );`;
    const f = only(text, 'CKS011');
    assert.deepEqual(f.map((x) => x.message.split(' ')[0]), [`'My`, `'9lives'`, `'_secret'`, `'a-b'`]);
    assert.match(f[0].message, /found space/);
    assert.match(f[1].message, /start with a letter/);
    assert.match(f[2].message, /reserves names starting with '_'/);
  });

  it('CKS012 flags a system field with another type', () => {
    const text = `DEFINE SCHEMA RECORD TYPE T ( "___createTime" TIMESTAMP, "___createdBy" REFERENCE, "___etag" STRING, "___modTime" TIMESTAMP, "___modifiedBy" REFERENCE, "___recordID" STRING QUERYABLE );`;
    const f = only(text, 'CKS012');
    assert.equal(f.length, 1);
    assert.match(applyFirstFix(text, 'CKS012'), /"___recordID" REFERENCE QUERYABLE/);
  });

  it('reports syntax and check findings together, sorted, each with a docUrl for CKS checks', () => {
    const all = checkCkdb(schema('x STRNG, queryable STRING'));
    assert.deepEqual(all.map((f) => f.ruleId), ['syntax', 'CKS001']);
    assert.ok(all[1].docUrl?.endsWith('/CKS001.md'));
  });

  it('every check has a file named after it and a docs/rules page', () => {
    const dir = path.join(REPO_ROOT, 'src/core/ckdb/checks');
    const files = fs.readdirSync(dir);
    for (const c of CKDB_CHECKS) {
      assert.ok(files.includes(`${c.id}-${c.name}.ts`), `${c.id}-${c.name}.ts`);
      assert.ok(fs.existsSync(path.join(REPO_ROOT, 'docs/rules', `${c.id}.md`)), `docs/rules/${c.id}.md`);
    }
    assert.deepEqual(CKDB_CHECKS.map((c) => c.id), CKDB_CHECKS.map((_, i) => `CKS${String(i + 1).padStart(3, '0')}`));
  });

  it('spans of the parsed schema are usable by the checks on CRLF files', () => {
    const text = schema('queryable STRING').replace(/\n/g, '\r\n');
    const f = only(text, 'CKS001')[0];
    assert.equal(f.range.start.line, 3);
    assert.equal(parseCkdb(text).findings.length, 0);
  });
});
