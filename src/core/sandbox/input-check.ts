import type { SandboxInput } from './api';
import { SandboxInputError } from './api';
import { optionProblem } from './option-check';

/** Checks an input before anything is applied or recorded: an invalid input is a SandboxInputError. */

/** Every input type a saved session may hold (the replay refuses others). */
export const INPUT_TYPES = new Set(['save', 'setNetwork', 'setAppState', 'setPushPolicy', 'setScheduler', 'addErrorRule', 'removeErrorRule', 'account',
  'setQuota', 'deploySchema', 'setEnvironment', 'resetDevelopmentEnvironment', 'deleteZone', 'expireChangeTokens', 'purgeHistory', 'fetchChanges',
  'sendChanges', 'launchSecondInstance', 'setOption', 'advance', 'step', 'runUntilIdle', 'note']);

export function validateInput(input: SandboxInput, device: (id: string) => unknown): void {
  if (input === null || typeof input !== 'object' || typeof (input as { type?: unknown }).type !== 'string') {
    throw new SandboxInputError('an input must be an object with a string `type`');
  }
  const needsDevice = ['save', 'setNetwork', 'setAppState', 'setPushPolicy', 'setScheduler', 'account', 'purgeHistory', 'fetchChanges', 'sendChanges', 'launchSecondInstance'];
  if (needsDevice.includes(input.type)) device((input as { device: string }).device);
  switch (input.type) {
    case 'save': if (!Array.isArray(input.changes)) throw new SandboxInputError('save: `changes` must be a list'); break;
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
