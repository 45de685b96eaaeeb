import assert from 'node:assert/strict';
import { compareFindings, DOCS_BASE_URL, ruleDocUrl, type Finding, type Severity } from '../../../src/core/findings';

/** A finding at `start` with only what the order reads set apart from the others. */
function finding(start: number, severity: Severity, ruleId: string): Finding {
  return {
    ruleId, severity, message: `${ruleId} at ${start}`, span: { start, end: start + 1 },
    range: { start: { line: 0, character: start }, end: { line: 0, character: start + 1 } },
  };
}

const key = (f: Finding) => `${f.span.start}:${f.severity}:${f.ruleId}`;

describe('finding order and rule pages (core/findings.ts)', () => {
  it('orders by position, then severity (error first), then rule id', () => {
    const shuffled = [
      finding(9, 'hint', 'CK001'), finding(3, 'warning', 'CK010'), finding(3, 'error', 'CK018'),
      finding(3, 'warning', 'CK002'), finding(0, 'info', 'CK005'), finding(3, 'hint', 'CK001'), finding(3, 'info', 'CK001'),
    ];
    assert.deepEqual([...shuffled].sort(compareFindings).map(key), [
      '0:info:CK005', '3:error:CK018', '3:warning:CK002', '3:warning:CK010', '3:info:CK001', '3:hint:CK001', '9:hint:CK001',
    ]);
  });

  it('is a consistent comparator: antisymmetric, zero only for the same position, severity and rule', () => {
    const a = finding(4, 'warning', 'CK003');
    const b = finding(4, 'warning', 'CK004');
    assert.ok(compareFindings(a, b) < 0 && compareFindings(b, a) > 0);
    assert.equal(compareFindings(a, finding(4, 'warning', 'CK003')), 0);
    assert.ok(compareFindings(finding(4, 'error', 'CK009'), a) < 0, 'an error sorts before a warning at the same place');
    assert.ok(compareFindings(finding(2, 'hint', 'CK009'), a) < 0, 'position wins over severity');
  });

  it('links each rule to its page under docs/rules', () => {
    assert.equal(ruleDocUrl('CK007'), `${DOCS_BASE_URL}CK007.md`);
    assert.match(DOCS_BASE_URL, /^https:\/\/github\.com\/.+\/blob\/main\/docs\/rules\/$/);
  });
});
