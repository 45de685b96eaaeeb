import type { CKErrorInfo, SandboxEvent } from '../../../src/core/sandbox/api';
import type { ScenarioRun } from '../../../src/core/sandbox/scenarios';

/**
 * The key facts of a scenario run, about WHAT happened (not when, nor how many retries): each device's
 * objects at the end, the CloudKit error codes the server answered, the resets, the mirroring setup state,
 * the push outcomes and the first time each kind of milestone happened, in order.
 */
export interface ScenarioFacts {
  /** Per device: `Entity:title` (or the object id when it has no title/name), sorted; above 8 objects, the count and the first 3. */
  readonly objects: Readonly<Record<string, readonly string[]>>;
  /** CKError codes answered by the server or the transport, partial errors as `2/<item code>`, sorted, unique. */
  readonly errors: readonly string[];
  /** `device:reason` of each reset, unique, in order of first occurrence. */
  readonly resets: readonly string[];
  /** Per device: the mirroring setup state at the end. */
  readonly setup: Readonly<Record<string, string>>;
  /** Push outcomes seen (delivered, dropped:<reason>, held:<reason>, coalesced), sorted, unique. */
  readonly pushes: readonly string[];
}

function codes(e: CKErrorInfo | null | undefined, out: Set<string>): void {
  if (!e) return;
  if (e.partialErrors?.length) for (const p of e.partialErrors) out.add(`${e.code}/${p.error.code}`);
  else out.add(String(e.code));
}

export function scenarioFacts(run: ScenarioRun): ScenarioFacts {
  const objects: Record<string, string[]> = {};
  const setup: Record<string, string> = {};
  const ids = (run.events.find((e) => e.kind === 'session.started') as Extract<SandboxEvent, { kind: 'session.started' }> | undefined)?.devices ?? [];
  for (const d of ids) {
    const snap = run.sandbox.inspectDevice(d, { limit: 1e6 });
    const all = snap.objects.map((o) => `${o.entity}:${String(o.values.title ?? o.values.name ?? o.id)}`).sort();
    // Big stores (bulk scenarios) as their size and first three objects.
    objects[d] = all.length <= 8 ? all : [`${all.length} objects`, ...all.slice(0, 3)];
    setup[d] = snap.mirroring.setup;
  }
  const errors = new Set<string>();
  const resets: string[] = [];
  const pushes = new Set<string>();
  for (const e of run.events) {
    if (e.kind === 'server.op') codes(e.error, errors);
    else if (e.kind === 'transport.failed') codes(e.error, errors);
    else if (e.kind === 'engine.reset' && e.phase === 'will') {
      const r = `${e.device}:${e.reason}`;
      if (!resets.includes(r)) resets.push(r);
    } else if (e.kind === 'push.delivered') pushes.add('delivered');
    else if (e.kind === 'push.dropped') pushes.add(`dropped:${e.reason}`);
    else if (e.kind === 'push.held') pushes.add(`held:${e.reason}`);
    else if (e.kind === 'push.coalesced') pushes.add('coalesced');
  }
  return { objects, errors: [...errors].sort(), resets, setup, pushes: [...pushes].sort() };
}
