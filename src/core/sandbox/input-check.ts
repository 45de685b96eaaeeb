import type { SandboxInput } from './api';
import { SandboxInputError } from './api';
import { optionProblem } from './option-check';

/** The sharing inputs (issue 15): a session holding one is a version-2 session. */
export const SHARING_INPUT_TYPES: ReadonlySet<string> = new Set(['share', 'acceptShare', 'leaveShare', 'stopSharing', 'purgeZone', 'persistUpdatedShare', 'setPushResponse']);

/** True when a session needs version 2: sharing inputs or saves into the shared store. */
export function needsSharingVersion(inputs: readonly SandboxInput[]): boolean {
  return inputs.some((i) => SHARING_INPUT_TYPES.has(i.type) || (i.type === 'save' && i.store === 'shared'));
}

/** Checks an input before anything is applied or recorded: an invalid input is a SandboxInputError. */

/** Every input type a saved session may hold (the replay refuses others). */
export const INPUT_TYPES = new Set(['save', 'setNetwork', 'setAppState', 'setPushPolicy', 'setScheduler', 'addErrorRule', 'removeErrorRule', 'account',
  'setQuota', 'deploySchema', 'setEnvironment', 'resetDevelopmentEnvironment', 'deleteZone', 'expireChangeTokens', 'purgeHistory', 'fetchChanges',
  'sendChanges', 'launchSecondInstance', 'setOption', 'advance', 'step', 'runUntilIdle', 'note', ...SHARING_INPUT_TYPES]);

export function validateInput(input: SandboxInput, device: (id: string) => unknown): void {
  if (input === null || typeof input !== 'object' || typeof (input as { type?: unknown }).type !== 'string') {
    throw new SandboxInputError('an input must be an object with a string `type`');
  }
  const needsDevice = [...SHARING_INPUT_TYPES, 'save', 'setNetwork', 'setAppState', 'setPushPolicy', 'setScheduler', 'account', 'purgeHistory', 'fetchChanges', 'sendChanges', 'launchSecondInstance'];
  if (needsDevice.includes(input.type)) device((input as { device: string }).device);
  switch (input.type) {
    case 'save':
      if (!Array.isArray(input.changes)) throw new SandboxInputError('save: `changes` must be a list');
      if (input.store !== undefined && input.store !== 'private' && input.store !== 'shared') throw new SandboxInputError('save: `store` is private or shared');
      break;
    case 'share':
      if (!Array.isArray(input.objects) || !input.objects.every((o) => typeof o === 'string')) throw new SandboxInputError('share: `objects` must be a list of object ids');
      checkParticipants(input.participants);
      if (input.thumbnailBytes !== undefined && !(Number.isInteger(input.thumbnailBytes) && input.thumbnailBytes >= 0)) throw new SandboxInputError('share: `thumbnailBytes` must be a non-negative integer');
      break;
    case 'acceptShare': case 'leaveShare': case 'stopSharing': case 'purgeZone':
      if (typeof input.share !== 'string' || input.share === '') throw new SandboxInputError(`${input.type}: \`share\` (the share zone or its UUID) is required`);
      break;
    case 'persistUpdatedShare':
      if (typeof input.share !== 'string' || input.share === '') throw new SandboxInputError('persistUpdatedShare: `share` is required');
      checkParticipants(input.add);
      if (input.remove !== undefined && !(Array.isArray(input.remove) && input.remove.every((u) => typeof u === 'string'))) throw new SandboxInputError('persistUpdatedShare: `remove` must be a list of users');
      break;
    case 'setPushResponse':
      if (!['newData', 'noData', 'failed', 'none'].includes(input.answer)) throw new SandboxInputError('setPushResponse: `answer` is newData, noData, failed or none');
      if (input.handlerMs !== undefined && !(Number.isFinite(input.handlerMs) && input.handlerMs >= 0)) throw new SandboxInputError('setPushResponse: `handlerMs` must be a non-negative number');
      break;
    case 'account':
      if (!['signOut', 'signIn', 'switch', 'temporarilyUnavailable'].includes(input.action)) throw new SandboxInputError(`account: unknown action '${String(input.action)}'`);
      if (input.action !== 'signOut' && input.action !== 'temporarilyUnavailable' && typeof input.user !== 'string') throw new SandboxInputError(`account ${input.action}: a user is required`);
      break;
    case 'setOption': {
      // Ranges, enums and own keys only (option-check.ts, issue 17 R3).
      const problem = optionProblem(input.option, input.value);
      if (problem) throw new SandboxInputError(`setOption: ${problem}`);
      break;
    }
    case 'advance': if (!(Number.isFinite(input.ms) && input.ms >= 0)) throw new SandboxInputError('advance: `ms` must be a non-negative number'); break;
    case 'deleteZone': case 'setQuota': if (typeof input.user !== 'string') throw new SandboxInputError(`${input.type}: a user is required`); break;
    case 'addErrorRule': if (!input.rule || typeof input.rule.id !== 'string' || typeof input.rule.error?.code !== 'number') throw new SandboxInputError('addErrorRule: a rule needs an id and error.code'); break;
    case 'step': case 'runUntilIdle': case 'note': case 'deploySchema': case 'setEnvironment': case 'resetDevelopmentEnvironment':
    case 'expireChangeTokens': case 'removeErrorRule': case 'setNetwork': case 'setAppState': case 'setPushPolicy': case 'setScheduler':
    case 'purgeHistory': case 'fetchChanges': case 'sendChanges': case 'launchSecondInstance':
      break;
    default: throw new SandboxInputError(`unknown input type '${(input as { type: string }).type}'`);
  }
}

function checkParticipants(list: unknown): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) throw new SandboxInputError('participants must be a list of { user, permission }');
  for (const p of list as { user?: unknown; permission?: unknown }[]) {
    if (!p || typeof p.user !== 'string' || p.user === '') throw new SandboxInputError('every participant needs a `user`');
    if (p.permission !== undefined && p.permission !== 'readOnly' && p.permission !== 'readWrite') throw new SandboxInputError(`participant ${p.user}: permission is readOnly or readWrite`);
  }
}
