import { checkConvergence, checkReplay, runSchedule } from '../../support/sandbox-schedules';

/**
 * Long-run fuzz target of the sandbox (issue 17): one random fault schedule per seed (test/support/
 * sandbox-schedules.ts), then faults cleared, devices relaunched and time run. A seed fails when the engine
 * throws, when devices or the server hold different objects that no announced behaviour explains, or when the
 * session does not replay to the identical event log.
 */
export const target = {
  name: 'sandbox',
  defaultCount: 1000,
  check(seed: number): { ok: true } | { ok: false; kind: string; detail: string } {
    let run;
    try {
      run = runSchedule(seed);
    } catch (e) {
      return { ok: false, kind: 'exception', detail: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
    }
    const c = checkConvergence(run.sandbox);
    if (!c.ok) return c;
    // Replaying costs as much as the run: every tenth seed (the property test replays its own sample).
    if (seed % 10 === 0) {
      const r = checkReplay(run.sandbox);
      if (!r.ok) return r;
    }
    return { ok: true };
  },
};
