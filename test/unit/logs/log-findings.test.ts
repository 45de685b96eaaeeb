import assert from 'node:assert/strict';
import { describeError, findingOf, LOG_DOCS_URL } from '../../../src/core/logs/log-findings';
import type { ExplainedError } from '../../../src/core/logs/reader';
import type { Classification } from '../../../src/core/logs/types';
import { namesValidatorItem } from '../../../src/core/logs/validator-item-match';

/** An explained error as a Finding and as the CLI's paragraph; matching a 134060 item in a rule's message. */
function explained(classification: Classification, extra: Partial<ExplainedError> = {}): ExplainedError {
  return {
    kind: { id: 'quota-exceeded', title: 'T', classification, meaning: 'The user is out of space.', action: 'Tell the user', sources: [], matches: () => true },
    classification, message: 'Quota (25/2035)', span: { start: 3, end: 9 },
    range: { start: { line: 1, character: 3 }, end: { line: 1, character: 9 } },
    sources: [{ doc: 'TN3162', section: 'Throttles' }, { doc: 'corpus', section: 'logs/L019.log' }],
    ...extra,
  } as unknown as ExplainedError;
}

describe('sync logs: findings and paragraphs', () => {
  it('a finding per error: severity from the classification, message with the action, its span, range and doc link', () => {
    const f = findingOf(explained('needs-action'));
    assert.deepEqual(f, {
      ruleId: 'quota-exceeded', severity: 'error', message: 'Quota (25/2035). Tell the user', span: { start: 3, end: 9 },
      range: { start: { line: 1, character: 3 }, end: { line: 1, character: 9 } }, docUrl: `${LOG_DOCS_URL}#quota-exceeded`,
    });
    assert.equal(findingOf(explained('transient')).severity, 'warning');
    assert.equal(findingOf(explained('benign')).severity, 'info');
  });

  it('the paragraph: message, classification in words, meaning, action, model elements and sources', () => {
    assert.equal(describeError(explained('needs-action', { modelItems: ['Item: title', 'Item: done'] })), [
      'Quota (25/2035)',
      '  needs action: The user is out of space.',
      '  what to do: Tell the user',
      '  model elements: Item: title, Item: done',
      '  see: TN3162 "Throttles"; seen in logs/L019.log',
    ].join('\n'));
    const t = describeError(explained('transient', { sources: [] }));
    assert.equal(t, 'Quota (25/2035)\n  transient, will retry: The user is out of space.\n  what to do: Tell the user');
    assert.match(describeError(explained('benign', { modelItems: [] })), /^Quota \(25\/2035\)\n {2}benign: /);
  });

  it('a validator item is named in a message as a word, with any spacing after its colon', () => {
    const msg = 'CloudKit integration requires that all attributes be optional, or have a default value set. The following attributes are marked non-optional but do not have a default value: Item: title';
    assert.equal(namesValidatorItem(msg, 'Item: title'), true);
    assert.equal(namesValidatorItem('x (Item:title).', 'Item: title'), true);
    assert.equal(namesValidatorItem('x,Item :  title;', 'Item:title'), true);
    assert.equal(namesValidatorItem(msg, 'Item: tit'), false, 'a prefix of the property is not the item');
    assert.equal(namesValidatorItem('x MyItem: title', 'Item: title'), false, 'a suffix of another entity is not the item');
    assert.equal(namesValidatorItem('Item: title2', 'Item: title'), false);
    assert.equal(namesValidatorItem('Item: title', 'no colon'), false);
    assert.equal(namesValidatorItem(': title', ': title'), false, 'an item must name an entity');
    // Regular-expression characters in names are literal.
    assert.equal(namesValidatorItem('A.B: c+d', 'A.B: c+d'), true);
    assert.equal(namesValidatorItem('AxB: ccd', 'A.B: c+d'), false);
  });
});
