import type { SandboxApi, SandboxInput, ScenarioData } from '../api';
import type { Sandbox } from '../sandbox';
import type { Checkpoint, ScenarioRun } from './types';

/**
 * The one scenario player: `ckdev scenario` (runner.ts, all steps at once) and the sandbox panel (step by
 * step, webview/app.ts) both play a library scenario through it, so a `checkpoint <name>` note snapshots
 * the same things in both and the library's checks read the same run.
 */
export const CHECKPOINT_PREFIX = 'checkpoint ';

/** Every device (all objects) and the server, now. */
export function takeCheckpoint(sandbox: SandboxApi): Checkpoint {
  const devices: Record<string, ReturnType<SandboxApi['inspectDevice']>> = {};
  for (const id of sandbox.deviceIds()) devices[id] = sandbox.inspectDevice(id, { limit: 100_000 });
  return { devices, server: sandbox.inspectServer(), t: sandbox.now() };
}

export class ScenarioPlayer {
  readonly checkpoints = new Map<string, Checkpoint>();

  /**
   * `sandbox` gives the session the steps play on, read after each step (the panel may replace its session);
   * `next` is the index of the next step (a reopened session resumes where it stopped).
   */
  constructor(readonly data: ScenarioData, private readonly sandbox: () => SandboxApi | undefined, public next = 0) {}

  get done(): boolean {
    return this.next >= this.data.steps.length;
  }

  /**
   * Plays the next step through `apply` (the sandbox's own by default; the panel passes its recording one),
   * then takes the checkpoint the step names. Returns the step played, or undefined when all were played.
   * An exception from `apply` propagates and the step is not counted as played.
   */
  step(apply: (input: SandboxInput) => void = (input) => { this.sandbox()?.apply(input); }): SandboxInput | undefined {
    if (this.done) return undefined;
    const step = this.data.steps[this.next];
    apply(step);
    this.next++;
    const sandbox = this.sandbox();
    if (sandbox && step.type === 'note' && step.text.startsWith(CHECKPOINT_PREFIX)) {
      this.checkpoints.set(step.text.slice(CHECKPOINT_PREFIX.length), takeCheckpoint(sandbox));
    }
    return step;
  }

  /** What the library's `check` reads: the log, the sandbox and the checkpoints taken so far. */
  run(sandbox: Sandbox): ScenarioRun {
    return { events: sandbox.events(), sandbox, checkpoints: this.checkpoints };
  }
}
