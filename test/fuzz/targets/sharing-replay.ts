import { loadSession, runScenario, SCENARIOS } from '../../../src/core/sandbox';

/**
 * Long-run replay of the sharing scenarios (issue 15: "replay of every new scenario identical for 100
 * seeds"): per seed, every sharing scenario runs with that seed, its own checks must hold, and its saved
 * session must replay to the same event count. The unit tests do 100 seeds for each scenario but the
 * zone-limit one (1,000 zones, about 1.5 s a run: 5 seeds there); this target covers it, 100 seeds by default.
 */
const SHARING = SCENARIOS.filter((s) => s.name.startsWith('share-') || s.name.startsWith('push-budget'));

export const target = {
  name: 'sharing-replay',
  defaultCount: 100,
  budgetMs: 20_000,
  check(seed: number): { ok: true } | { ok: false; kind: string; detail: string } {
    for (const s of SHARING) {
      const r = runScenario({ ...s, config: { ...s.config, seed } });
      if (r.error) return { ok: false, kind: 'exception', detail: `${s.name}: ${r.error}` };
      const failed = r.checks.filter((c) => !c.ok).map((c) => c.description);
      if (failed.length > 0) return { ok: false, kind: 'other', detail: `${s.name}: checks failed: ${failed.join('; ')}` };
      const again = loadSession(JSON.parse(JSON.stringify(r.run!.sandbox.save())));
      if (again.eventCount !== r.events.length) return { ok: false, kind: 'other', detail: `${s.name}: replay has ${again.eventCount} events, the run ${r.events.length}` };
    }
    return { ok: true };
  },
};
