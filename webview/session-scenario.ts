/**
 * Which library scenario a saved session was playing, so a `.cksandbox.json` saved from a scenario reopens
 * with its player and explanation. Pure (no DOM): unit-tested.
 *
 * The file's `ui.scenario` names it and `ui.scenarioStep` says how many of its steps were played. Files
 * written before `scenarioStep` existed carry only the name: the played steps are then the scenario's
 * steps that open the session's input log. Files without `ui.scenario` are plain sessions.
 */
import type { SandboxInput, ScenarioData } from '../src/core/sandbox/api';
import type { SandboxSessionFile } from '../src/protocol/session-file';

export interface SessionScenario {
  readonly name: string;
  /** Index of the next step to play. */
  readonly next: number;
}

export function scenarioOfFile(file: SandboxSessionFile, library: readonly Pick<ScenarioData, 'name' | 'steps'>[]): SessionScenario | undefined {
  const name = file.ui?.scenario;
  if (typeof name !== 'string') return undefined;
  const data = library.find((s) => s.name === name);
  if (!data) return undefined;
  const step = file.ui?.scenarioStep;
  if (typeof step === 'number' && Number.isInteger(step) && step >= 0) return { name, next: Math.min(step, data.steps.length) };
  return { name, next: playedPrefix(data.steps, file.inputs) };
}

/** How many of `steps` open `inputs`, in order (a step is compared as JSON). */
function playedPrefix(steps: readonly SandboxInput[], inputs: readonly SandboxInput[]): number {
  let n = 0;
  while (n < steps.length && n < inputs.length && JSON.stringify(steps[n]) === JSON.stringify(inputs[n])) n++;
  return n;
}
