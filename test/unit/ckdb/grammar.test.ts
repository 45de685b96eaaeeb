import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseCkdb } from '../../../src/core/ckdb/parser';
import { corpusPath, REPO_ROOT } from '../../helpers/paths';
import { loadGrammar, scopesAt, tokenize } from '../../helpers/textmate';

const GRAMMAR = path.join(REPO_ROOT, 'syntaxes/ckdb.tmLanguage.json');

describe('ckdb TextMate grammar', () => {
  it('is the grammar package.json contributes for the ckdb language', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    const g = pkg.contributes.grammars.find((x: { language: string }) => x.language === 'ckdb');
    assert.equal(g.scopeName, 'source.ckdb');
    assert.equal(path.resolve(REPO_ROOT, g.path), GRAMMAR);
    const lang = pkg.contributes.languages.find((x: { id: string }) => x.id === 'ckdb');
    const config = JSON.parse(fs.readFileSync(path.resolve(REPO_ROOT, lang.configuration), 'utf8'));
    assert.equal(config.comments.lineComment, '//');
    assert.deepEqual(config.comments.blockComment, ['/*', '*/']);
  });

  it('agrees with the parser on every corpus schema: names, types, options and grants get their scopes', async () => {
    const grammar = await loadGrammar(GRAMMAR, 'source.ckdb');
    const dir = path.dirname(corpusPath('ckdb', 'MANIFEST.tsv'));
    let checked = 0;
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.ckdb'))) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      const parsed = parseCkdb(text);
      if (parsed.findings.length) continue;
      const tokens = tokenize(grammar, text);
      const at = (offset: number): string => {
        const p = parsed.lines.positionAt(offset);
        return scopesAt(tokens, p.line, p.character).join(' ');
      };
      for (const rt of parsed.schema.recordTypes) {
        assert.match(at(rt.nameSpan!.start), /entity\.name\.type\.record\.ckdb/, `${f}: ${rt.name}`);
        for (const fld of rt.fields) {
          assert.match(at(fld.nameSpan!.start), fld.name.startsWith('___') ? /variable\.language\.system-field/ : /variable\.other\.field/, `${f}: ${rt.name}.${fld.name}`);
          assert.match(at(fld.typeSpan!.start), /storage\.(type|modifier\.encrypted)/, `${f}: type of ${fld.name}`);
          if (fld.options.length) assert.match(at(fld.span!.end - 1), /storage\.modifier\.index/, `${f}: options of ${fld.name}`);
          checked++;
        }
        for (const g of rt.grants) {
          assert.match(at(g.span!.start), /keyword\.other\.grant/, `${f}: grant in ${rt.name}`);
          assert.match(at(g.roleSpan!.start), /support\.constant\.role\.implicit|entity\.name\.type\.role/, `${f}: role ${g.role}`);
        }
      }
      for (const c of parsed.comments) assert.match(at(c.span.start), /^source\.ckdb comment|comment\./, `${f}: comment`);
    }
    assert.ok(checked > 3000, `fields checked: ${checked}`);
  });
});
