import assert from 'node:assert/strict';
import { readModelXml } from '../../../src/core/model/xml';
import { lintModel } from '../../../src/core/rules';

/**
 * Issue 17, found by the xcdatamodel fuzz target: an XML syntax error whose span starts or ends between
 * the \r and the \n of a CRLF got a range past the end of its line (LineIndex now maps that offset to the
 * line's end).
 */
describe('XML reader: syntax error spans in CRLF files', () => {
  for (const text of ['<\r\n\r\n', '<?xml version="1.0"?>\r\n<model><entity name="A"\r\n<\r\n']) {
    it(`the finding's range stays inside its lines: ${JSON.stringify(text)}`, () => {
      const lines = text.split('\r\n');
      const findings = lintModel(readModelXml(text).model, undefined, { mode: 'always' });
      assert.ok(findings.some((f) => f.ruleId === 'syntax'));
      for (const f of findings) {
        for (const p of [f.range.start, f.range.end]) assert.ok(p.character <= lines[p.line].length, `${f.message}: ${p.line}:${p.character}`);
      }
    });
  }
});
