import assert from 'node:assert/strict';
import fs from 'node:fs';
import fc from 'fast-check';
import { readModelXml } from '../../../src/core/model/xml';
import { lintModel } from '../../../src/core/rules';
import { corpusPath } from '../../helpers/paths';

/**
 * Never a crash: any edit of a real model (what a user's half-typed file looks like) reads and lints
 * without throwing, and every finding and fix stays inside the text.
 */
describe('model lint robustness (property-based)', () => {
  const base = fs.readFileSync(corpusPath('xcdatamodel', 'keybuk__EngineShed__TrainDatabase.xcdatamodel', 'contents'), 'utf8');
  const edit = fc.record({
    at: fc.nat({ max: base.length }),
    del: fc.nat({ max: 40 }),
    ins: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('<', '>', '"', '/>', '</entity>', '&', '&amp;', '<!DOCTYPE x [<!ENTITY e "x">]>', '\uFEFF', '\u0000', 'optional="YES" ', '<attribute name="x"/>')),
  });

  it('reads and lints arbitrary edits of a real model without throwing', () => {
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
      let text = base;
      for (const e of edits) {
        const at = Math.min(e.at, text.length);
        text = text.slice(0, at) + e.ins + text.slice(at + e.del);
      }
      const { model, editor } = readModelXml(text);
      for (const mode of ['auto', 'always'] as const) {
        for (const f of lintModel(model, editor, { mode })) {
          assert.ok(f.span.start >= 0 && f.span.end <= text.length && f.span.start <= f.span.end, `${f.ruleId} span`);
          for (const fix of f.fixes ?? []) for (const e of fix.edits) assert.ok(e.span.start >= 0 && e.span.end <= text.length);
        }
      }
    }), { numRuns: 150, seed: 20261121 });
  });
});
