import type { JsonValue, SandboxInput } from './api';
import { SandboxInputError } from './api';
import { DEFAULT_OPTIONS } from './options';

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
      if (input.action !== 'signOut' && typeof input.user !== 'string') throw new SandboxInputError(`account ${input.action}: a user is required`);
      break;
    case 'setOption': {
      if (!(input.option in DEFAULT_OPTIONS)) throw new SandboxInputError(`unknown option '${String(input.option)}'`);
      const def = DEFAULT_OPTIONS[input.option] as unknown as JsonValue;
      if (input.value !== null && def !== null && typeof def !== typeof input.value) throw new SandboxInputError(`option '${input.option}' expects a ${typeof def}`);
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
