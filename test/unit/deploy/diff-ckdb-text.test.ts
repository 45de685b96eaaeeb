import assert from 'node:assert/strict';
import { parseCkdb } from '../../../src/core/ckdb/parser';
import { changeKey, changeLocations, diffSchemas } from '../../../src/core/deploy';

/** Hand-made `.ckdb` pairs through the real parser: spelling, order and comments don't matter; lines do. */
const parse = (text: string) => {
  const r = parseCkdb(text);
  assert.deepEqual(r.findings.filter((f) => f.severity === 'error').map((f) => f.message), []);
  return r;
};

const PROD = `DEFINE SCHEMA

    CREATE ROLE Editor;

    RECORD TYPE Note (
        "___createTime" TIMESTAMP,
        "___recordID"   REFERENCE QUERYABLE,
        count           NUMBER PREFERRED AS INT64,
        tags            LIST<STRING> QUERYABLE,
        title           STRING QUERYABLE SEARCHABLE SORTABLE,
        GRANT READ TO "_world",
        GRANT CREATE, WRITE TO "_icloud"
    );
`;

describe('core/deploy diffSchemas on .ckdb text', () => {
  it('quoted and bare names, keyword case, order, whitespace and comments make no difference', () => {
    const dev = `-- hand-written, not an export
define schema
  record type "Note" (
    /* user fields first */
    "title" STRING SORTABLE SEARCHABLE QUERYABLE, // same indexes, other order
    "tags" LIST<STRING> QUERYABLE,
    count NUMBER PREFERRED AS INT64,
    GRANT WRITE TO "_icloud", GRANT CREATE TO "_icloud", GRANT READ TO "_world"
  );
  create role "Editor";
`;
    const plan = diffSchemas(parse(dev).schema, parse(PROD).schema);
    assert.deepEqual(plan.changes.map(changeKey), ['warning index-removed Note.___recordID']);
    assert.equal(plan.deployable, true);
  });

  it('points at the exact lines on both sides', () => {
    const dev = PROD
      .replace('count           NUMBER PREFERRED AS INT64', 'count           NUMBER PREFERRED AS DOUBLE')
      .replace('tags            LIST<STRING> QUERYABLE,\n', '')
      .replace('title           STRING QUERYABLE SEARCHABLE SORTABLE', 'title           STRING QUERYABLE')
      .replace('GRANT READ TO "_world",\n', '')
      .replace('    CREATE ROLE Editor;\n', '');
    const d = parse(dev);
    const p = parse(PROD);
    const plan = diffSchemas(d.schema, p.schema);
    assert.deepEqual(plan.changes.map(changeKey), [
      'blocked number-preference-changed Note.count',
      'blocked field-deleted Note.tags',
      'warning role-removed Editor',
      'warning grant-removed Note',
      'warning index-removed Note.title',
    ]);
    const at = (i: number) => changeLocations(plan.changes[i], { file: 'dev', lines: d.lines }, { file: 'prod', lines: p.lines })
      .map((l) => `${l.file}:${l.range.start.line + 1}`);
    assert.deepEqual(at(0), ['dev:7', 'prod:8'], 'the type, in development first');
    assert.deepEqual(at(1), ['prod:9', 'dev:4'], 'a deletion: production first, then its record type in development');
    assert.deepEqual(at(2), ['prod:3']);
    assert.deepEqual(at(3), ['prod:11', 'dev:4']);
    assert.deepEqual(at(4), ['dev:8', 'prod:10']);
  });
});
