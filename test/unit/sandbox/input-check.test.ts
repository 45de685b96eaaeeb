import assert from 'node:assert/strict';
import type { SandboxInput } from '../../../src/core/sandbox/api';
import { SandboxInputError } from '../../../src/core/sandbox/api';
import { INPUT_TYPES, SHARING_INPUT_TYPES, needsSharingVersion, validateInput } from '../../../src/core/sandbox/input-check';

/**
 * The input checks (input-check.ts): which inputs name a device (and so look it up), the exact message of each
 * refused input, the lists of input types, and which inputs make a session a version-2 (sharing) session. The
 * inputs are written by us.
 */
const SHARING = ['share', 'acceptShare', 'leaveShare', 'stopSharing', 'purgeZone', 'persistUpdatedShare', 'setPushResponse'];

/** The devices looked up, in order; an id other than A/B is refused the way the engine refuses it. */
function lookups(): { seen: string[]; device: (id: string) => unknown } {
  const seen: string[] = [];
  return {
    seen,
    device: (id) => {
      seen.push(id);
      if (id !== 'A' && id !== 'B') throw new SandboxInputError(`unknown device '${id}'`);
      return {};
    },
  };
}

function refusal(input: unknown): string {
  try {
    validateInput(input as SandboxInput, lookups().device);
  } catch (e) {
    assert.ok(e instanceof SandboxInputError, `not a SandboxInputError: ${String(e)}`);
    return e.message;
  }
  return 'accepted';
}

describe('sandbox: input checks', () => {
  it('an input must be an object with a string type', () => {
    for (const v of [null, undefined, 'save', 3, {}, { type: 5 }]) {
      assert.equal(refusal(v), 'an input must be an object with a string `type`', JSON.stringify(v));
    }
  });

  it('an unknown input type is refused by name', () => {
    assert.equal(refusal({ type: 'reboot' }), "unknown input type 'reboot'");
  });

  it('inputs on a device look the device up first; the others do not', () => {
    const onDevice = [...SHARING, 'save', 'setNetwork', 'setAppState', 'setPushPolicy', 'setScheduler', 'account', 'purgeHistory', 'fetchChanges', 'sendChanges', 'launchSecondInstance'];
    for (const type of onDevice) {
      const l = lookups();
      assert.throws(() => validateInput({ type, device: 'Z' } as unknown as SandboxInput, l.device), /unknown device 'Z'/, type);
      assert.deepEqual(l.seen, ['Z'], type);
    }
    const notOnDevice = ['step', 'runUntilIdle', 'note', 'deploySchema', 'setEnvironment', 'resetDevelopmentEnvironment', 'expireChangeTokens', 'removeErrorRule'];
    for (const type of notOnDevice) {
      const l = lookups();
      validateInput({ type, device: 'Z' } as unknown as SandboxInput, l.device);
      assert.deepEqual(l.seen, [], type);
    }
  });

  it('inputs without further checks are accepted as they are', () => {
    for (const type of ['setNetwork', 'setAppState', 'setPushPolicy', 'setScheduler', 'purgeHistory', 'fetchChanges', 'sendChanges', 'launchSecondInstance']) {
      assert.equal(refusal({ type, device: 'A' }), 'accepted', type);
    }
    for (const type of ['step', 'runUntilIdle', 'note', 'deploySchema', 'setEnvironment', 'resetDevelopmentEnvironment', 'expireChangeTokens', 'removeErrorRule']) {
      assert.equal(refusal({ type }), 'accepted', type);
    }
  });

  it('save: changes must be a list, the store private or shared', () => {
    assert.equal(refusal({ type: 'save', device: 'A', changes: [] }), 'accepted');
    assert.equal(refusal({ type: 'save', device: 'A', changes: [], store: 'private' }), 'accepted');
    assert.equal(refusal({ type: 'save', device: 'A', changes: [], store: 'shared' }), 'accepted');
    assert.equal(refusal({ type: 'save', device: 'A' }), 'save: `changes` must be a list');
    assert.equal(refusal({ type: 'save', device: 'A', changes: { op: 'insert' } }), 'save: `changes` must be a list');
    assert.equal(refusal({ type: 'save', device: 'A', changes: [], store: 'public' }), 'save: `store` is private or shared');
    assert.equal(refusal({ type: 'save', device: 'A', changes: [], store: null }), 'save: `store` is private or shared');
  });

  it('share: objects must be a list of ids, participants well formed, thumbnailBytes a non-negative integer', () => {
    assert.equal(refusal({ type: 'share', device: 'A', objects: [] }), 'accepted');
    assert.equal(refusal({ type: 'share', device: 'A', objects: ['x', 'y'], participants: [{ user: 'u2' }, { user: 'u3', permission: 'readWrite' }, { user: 'u4', permission: 'readOnly' }], thumbnailBytes: 0 }), 'accepted');
    assert.equal(refusal({ type: 'share', device: 'A' }), 'share: `objects` must be a list of object ids');
    assert.equal(refusal({ type: 'share', device: 'A', objects: ['x', 3] }), 'share: `objects` must be a list of object ids');
    assert.equal(refusal({ type: 'share', device: 'A', objects: [], participants: 'u2' }), 'participants must be a list of { user, permission }');
    assert.equal(refusal({ type: 'share', device: 'A', objects: [], participants: [null] }), 'every participant needs a `user`');
    assert.equal(refusal({ type: 'share', device: 'A', objects: [], participants: [{ user: '' }] }), 'every participant needs a `user`');
    assert.equal(refusal({ type: 'share', device: 'A', objects: [], participants: [{ user: 7 }] }), 'every participant needs a `user`');
    assert.equal(refusal({ type: 'share', device: 'A', objects: [], participants: [{ user: 'u2', permission: 'admin' }] }), 'participant u2: permission is readOnly or readWrite');
    assert.equal(refusal({ type: 'share', device: 'A', objects: [], thumbnailBytes: -1 }), 'share: `thumbnailBytes` must be a non-negative integer');
    assert.equal(refusal({ type: 'share', device: 'A', objects: [], thumbnailBytes: 1.5 }), 'share: `thumbnailBytes` must be a non-negative integer');
    assert.equal(refusal({ type: 'share', device: 'A', objects: [], thumbnailBytes: 10 }), 'accepted');
  });

  it('acceptShare, leaveShare, stopSharing and purgeZone need a non-empty share', () => {
    for (const type of ['acceptShare', 'leaveShare', 'stopSharing', 'purgeZone']) {
      assert.equal(refusal({ type, device: 'A', share: 'S1' }), 'accepted', type);
      assert.equal(refusal({ type, device: 'A', share: '' }), `${type}: \`share\` (the share zone or its UUID) is required`);
      assert.equal(refusal({ type, device: 'A' }), `${type}: \`share\` (the share zone or its UUID) is required`);
    }
  });

  it('persistUpdatedShare: a share, well-formed participants to add, a list of users to remove', () => {
    assert.equal(refusal({ type: 'persistUpdatedShare', device: 'A', share: 'S1', add: [{ user: 'u2' }], remove: ['u3'] }), 'accepted');
    assert.equal(refusal({ type: 'persistUpdatedShare', device: 'A', share: 'S1', remove: [] }), 'accepted');
    assert.equal(refusal({ type: 'persistUpdatedShare', device: 'A', share: '' }), 'persistUpdatedShare: `share` is required');
    assert.equal(refusal({ type: 'persistUpdatedShare', device: 'A', share: 3 }), 'persistUpdatedShare: `share` is required');
    assert.equal(refusal({ type: 'persistUpdatedShare', device: 'A', share: 'S1', add: [{ permission: 'readOnly' }] }), 'every participant needs a `user`');
    assert.equal(refusal({ type: 'persistUpdatedShare', device: 'A', share: 'S1', remove: 'u3' }), 'persistUpdatedShare: `remove` must be a list of users');
    assert.equal(refusal({ type: 'persistUpdatedShare', device: 'A', share: 'S1', remove: ['u3', 4] }), 'persistUpdatedShare: `remove` must be a list of users');
  });

  it('setPushResponse: an answer of the four and a non-negative handler time', () => {
    for (const answer of ['newData', 'noData', 'failed', 'none']) assert.equal(refusal({ type: 'setPushResponse', device: 'A', answer }), 'accepted', answer);
    assert.equal(refusal({ type: 'setPushResponse', device: 'A', answer: 'timeout' }), 'setPushResponse: `answer` is newData, noData, failed or none');
    assert.equal(refusal({ type: 'setPushResponse', device: 'A', answer: 'none', handlerMs: 0 }), 'accepted');
    assert.equal(refusal({ type: 'setPushResponse', device: 'A', answer: 'none', handlerMs: 2.5 }), 'accepted');
    assert.equal(refusal({ type: 'setPushResponse', device: 'A', answer: 'none', handlerMs: -1 }), 'setPushResponse: `handlerMs` must be a non-negative number');
    assert.equal(refusal({ type: 'setPushResponse', device: 'A', answer: 'none', handlerMs: Infinity }), 'setPushResponse: `handlerMs` must be a non-negative number');
    assert.equal(refusal({ type: 'setPushResponse', device: 'A', answer: 'none', handlerMs: '5' }), 'setPushResponse: `handlerMs` must be a non-negative number');
  });

  it('account: a known action, and a user for signIn and switch', () => {
    assert.equal(refusal({ type: 'account', device: 'A', action: 'signOut' }), 'accepted');
    assert.equal(refusal({ type: 'account', device: 'A', action: 'temporarilyUnavailable' }), 'accepted');
    assert.equal(refusal({ type: 'account', device: 'A', action: 'signIn', user: 'u2' }), 'accepted');
    assert.equal(refusal({ type: 'account', device: 'A', action: 'switch', user: 'u2' }), 'accepted');
    assert.equal(refusal({ type: 'account', device: 'A', action: 'signIn' }), 'account signIn: a user is required');
    assert.equal(refusal({ type: 'account', device: 'A', action: 'switch', user: null }), 'account switch: a user is required');
    assert.equal(refusal({ type: 'account', device: 'A', action: 'logout' }), "account: unknown action 'logout'");
    assert.equal(refusal({ type: 'account', device: 'A' }), "account: unknown action 'undefined'");
  });

  it('setOption: the option check, prefixed with setOption:', () => {
    assert.equal(refusal({ type: 'setOption', option: 'importPageSize', value: 10 }), 'accepted');
    assert.equal(refusal({ type: 'setOption', option: 'importPageSize', value: 0 }), "setOption: option 'importPageSize' must be an integer from 1 to 100000, not 0");
    assert.equal(refusal({ type: 'setOption', option: 'constructor', value: 0 }), "setOption: unknown option 'constructor'");
  });

  it('advance: a non-negative finite number of ms', () => {
    assert.equal(refusal({ type: 'advance', ms: 0 }), 'accepted');
    assert.equal(refusal({ type: 'advance', ms: 0.5 }), 'accepted');
    for (const ms of [-1, Infinity, NaN, '10', undefined]) assert.equal(refusal({ type: 'advance', ms }), 'advance: `ms` must be a non-negative number', String(ms));
  });

  it('deleteZone and setQuota need a user', () => {
    assert.equal(refusal({ type: 'deleteZone', user: 'u1' }), 'accepted');
    assert.equal(refusal({ type: 'setQuota', user: 'u1', bytes: null }), 'accepted');
    assert.equal(refusal({ type: 'deleteZone' }), 'deleteZone: a user is required');
    assert.equal(refusal({ type: 'setQuota', user: 5, bytes: 1 }), 'setQuota: a user is required');
  });

  it('addErrorRule: a rule needs a string id and a numeric error code', () => {
    assert.equal(refusal({ type: 'addErrorRule', rule: { id: 'r1', match: {}, error: { code: 4 } } }), 'accepted');
    const msg = 'addErrorRule: a rule needs an id and error.code';
    assert.equal(refusal({ type: 'addErrorRule' }), msg);
    assert.equal(refusal({ type: 'addErrorRule', rule: { error: { code: 4 } } }), msg);
    assert.equal(refusal({ type: 'addErrorRule', rule: { id: 'r1' } }), msg);
    assert.equal(refusal({ type: 'addErrorRule', rule: { id: 'r1', error: { code: '4' } } }), msg);
  });
});

describe('sandbox: input type lists', () => {
  it('the sharing input types', () => {
    assert.deepEqual([...SHARING_INPUT_TYPES], SHARING);
  });

  it('every input type a saved session may hold', () => {
    assert.deepEqual([...INPUT_TYPES].sort(), [
      'save', 'setNetwork', 'setAppState', 'setPushPolicy', 'setScheduler', 'addErrorRule', 'removeErrorRule', 'account', 'setQuota', 'deploySchema',
      'setEnvironment', 'resetDevelopmentEnvironment', 'deleteZone', 'expireChangeTokens', 'purgeHistory', 'fetchChanges', 'sendChanges',
      'launchSecondInstance', 'setOption', 'advance', 'step', 'runUntilIdle', 'note', ...SHARING,
    ].sort());
  });

  it('a session needs version 2 for a sharing input or a save into the shared store, not otherwise', () => {
    assert.equal(needsSharingVersion([]), false);
    assert.equal(needsSharingVersion([{ type: 'step' }, { type: 'save', device: 'A', changes: [] }, { type: 'save', device: 'A', changes: [], store: 'private' }]), false);
    assert.equal(needsSharingVersion([{ type: 'step' }, { type: 'save', device: 'A', changes: [], store: 'shared' }]), true);
    for (const type of SHARING) assert.equal(needsSharingVersion([{ type: 'note', text: '' }, { type, device: 'A', share: 'S' } as unknown as SandboxInput]), true, type);
  });
});
