import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../../src/cli/main';
import { parseCkdb } from '../../../src/core/ckdb/parser';
import { formatFieldType, type SchemaIR } from '../../../src/core/cloudkit/schema-ir';
import { toXml } from '../../helpers/modelSpec';
import { corpusPath } from '../../helpers/paths';
import { ORACLE_PAIRS } from './corpus-oracle-models';

/**
 * Issue 13, "done when": `ckdev schema` on every corpus model whose app also has a real export matches the
 * export field for field. The pairs are the ORACLE folders of ../shared/corpus/swiftdata (the xcdatamodel
 * and ckdb corpora share no repository); their models are our Core Data transcription of the Swift
 * classes (corpus-oracle-models.ts), run through the real command.
 */

async function ckdevSchema(xml: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckdev-oracle-'));
  try {
    fs.mkdirSync(path.join(dir, 'Model.xcdatamodel'));
    fs.writeFileSync(path.join(dir, 'Model.xcdatamodel', 'contents'), xml);
    let out = '';
    let err = '';
    const code = await main(['schema', path.join(dir, 'Model.xcdatamodel')], { stdout: (s) => { out += s; }, stderr: (s) => { err += s; } });
    assert.equal(code, 0, err);
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `Type.field` → `TYPE [options sorted]`, and `Type` → its grants, for the CD_ and CDMR record types. */
function entries(s: SchemaIR, withOptions: boolean): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of s.recordTypes) {
    if (!t.name.startsWith('CD')) continue;
    out.set(t.name, withOptions ? t.grants.map((g) => `${g.permissions.join(',')}>${g.role}`).sort().join(' ') : '');
    for (const f of t.fields) {
      out.set(`${t.name}.${f.name}`, formatFieldType(f.type) + (withOptions ? ` ${[...f.options].sort().join(' ')}` : ''));
    }
  }
  return out;
}

describe('ckdev schema against the real exports of the corpus (issue 13)', () => {
  for (const pair of ORACLE_PAIRS) {
    it(`${pair.folder}: every record type and field, with its type${pair.rawExport ? ', indexes and grants' : ''}`, async () => {
      const exported = parseCkdb(fs.readFileSync(corpusPath('swiftdata', pair.folder, 'schema.ckdb'), 'utf8'));
      assert.deepEqual(exported.findings.filter((f) => f.severity === 'error'), []);
      const derived = parseCkdb(await ckdevSchema(toXml(pair.model)));
      const want = entries(exported.schema, pair.rawExport);
      const got = entries(derived.schema, pair.rawExport);
      const differences: string[] = [];
      for (const [k, v] of want) if (got.get(k) !== v) differences.push(got.has(k) ? `~${k}: export ${v}, derived ${got.get(k)}` : `+${k}`);
      for (const k of got.keys()) if (!want.has(k)) differences.push(`-${k}`);
      // A difference the MANIFEST explains covers the record type's own fields too.
      const explained = (d: string): boolean => pair.expectedDifferences.some((e) => d === e || d.startsWith(`${e}.`));
      assert.deepEqual(differences.filter((d) => !explained(d)), []);
      assert.deepEqual(pair.expectedDifferences.filter((e) => !differences.includes(e)), [], 'every explained difference is still there');
      // The exports were created just in time: no move receipt, no asset companion.
      assert.ok(![...got.keys()].some((k) => k.includes('moveReceipt') || k.endsWith('_ckAsset')));
    });
  }
});
