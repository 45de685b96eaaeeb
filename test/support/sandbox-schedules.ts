import { Sandbox, loadSession } from '../../src/core/sandbox';
import type { ModelSpec, ObjectChange, ObjectSnapshot, SandboxConfig, SandboxEvent, SandboxInput, ServerErrorRule } from '../../src/core/sandbox';
import { Prng } from '../../src/core/sandbox/prng';

/**
 * Random fault schedules for the sandbox (issue 17 "sandbox convergence"): saves (inserts, updates, deletes),
 * relationship edits (to-one, one-to-many, many-to-many), offline/online, dropped pushes, injected server
 * errors (whole-operation and per-record), change-token expiry, account sign-out/in, app quits; then every
 * fault is cleared, every device relaunched, and time run. `checkConvergence` then says whether every device
 * and the server hold the same objects, or differ only through a behaviour the timeline announced (a
 * `warning` event with a `divergence`).
 *
 * A schedule is generated while it runs (the next input depends on the objects a device has), from one seed;
 * the sandbox is deterministic, so the seed alone reproduces it, and the recorded session replays it.
 */

/** Our own test model: a list with items (Cascade), an item with one detail (Cascade), items and tags many-to-many. */
export const SCHEDULE_MODEL: ModelSpec = {
  entities: [
    { name: 'List', attributes: [{ name: 'name', type: 'String' }], relationships: [{ name: 'items', destination: 'Item', inverse: 'list', toMany: true, deletionRule: 'Cascade' }] },
    {
      name: 'Item',
      attributes: [{ name: 'title', type: 'String' }, { name: 'count', type: 'Integer 64', optional: false, defaultValue: '0' }],
      relationships: [
        { name: 'list', destination: 'List', inverse: 'items' },
        { name: 'detail', destination: 'Detail', inverse: 'item', deletionRule: 'Cascade' },
        { name: 'tags', destination: 'Tag', inverse: 'items', toMany: true },
      ],
    },
    { name: 'Detail', attributes: [{ name: 'note', type: 'String' }], relationships: [{ name: 'item', destination: 'Item', inverse: 'detail' }] },
    { name: 'Tag', attributes: [{ name: 'label', type: 'String' }], relationships: [{ name: 'items', destination: 'Item', inverse: 'tags', toMany: true }] },
  ],
};

const ENTITIES = ['List', 'Item', 'Item', 'Detail', 'Tag'] as const;
const USER = 'user1';

export interface ScheduleRun {
  readonly seed: number;
  readonly sandbox: Sandbox;
  /** Inputs applied (the session's recorded inputs are the replayable truth). */
  readonly steps: number;
  /** Inputs the generator tried that the sandbox refused (SandboxInputError): expected, not failures. */
  readonly refused: number;
}

export interface ScheduleOptions {
  /** Number of random inputs before the fault-free finale (default 10 + seed-drawn 0..25). */
  readonly length?: number;
}

function pick<T>(p: Prng, xs: readonly T[]): T {
  return xs[p.int(xs.length)];
}

export function scheduleConfig(seed: number): SandboxConfig {
  const p = new Prng(seed ^ 0x5eed);
  const n = 2 + p.int(2);
  return {
    name: `schedule ${seed}`,
    model: { kind: 'spec', spec: SCHEDULE_MODEL },
    seed,
    environment: 'development',
    devices: ['A', 'B', 'C'].slice(0, n).map((id) => ({ id })),
    options: { exportDebounceMs: 500, ...(p.int(4) === 0 ? { deleteVsEdit: 'editResurrects' as const } : {}), ...(p.int(5) === 0 ? { importPageSize: 2 } : {}) },
  };
}

/** Runs one random schedule and its finale. Throws only on an engine exception (a failure of the property). */
export function runSchedule(seed: number, o: ScheduleOptions = {}): ScheduleRun {
  const config = scheduleConfig(seed);
  const s = new Sandbox(config);
  const p = new Prng(seed);
  const ids = config.devices.map((d) => d.id);
  const length = o.length ?? 10 + p.int(26);
  let steps = 0;
  let refused = 0;
  let rule = 0;
  const apply = (input: SandboxInput): void => {
    try {
      s.apply(input);
      steps++;
    } catch (e) {
      if (e instanceof Error && e.name === 'SandboxInputError') { refused++; return; }
      throw e;
    }
  };
  apply({ type: 'runUntilIdle', maxMs: 120_000 });
  for (let i = 0; i < length; i++) {
    const d = pick(p, ids);
    const r = p.int(100);
    if (r < 45) apply({ type: 'save', device: d, changes: randomChanges(p, s, d) });
    else if (r < 52) apply({ type: 'setNetwork', device: d, mode: p.int(2) === 0 ? 'offline' : 'online' });
    else if (r < 57) apply({ type: 'setPushPolicy', device: d, policy: pick(p, ['drop', 'deliver', 'coalesce'] as const) });
    else if (r < 65) apply({ type: 'addErrorRule', rule: randomRule(p, `r${rule++}`, ids) });
    else if (r < 68) apply({ type: 'expireChangeTokens' });
    else if (r < 71) apply({ type: 'account', device: d, action: s.inspectDevice(d, { limit: 0 }).user === null ? 'signIn' : 'signOut', user: USER });
    else if (r < 74) apply({ type: 'setAppState', device: d, state: pick(p, ['quit', 'background', 'foreground'] as const) });
    else if (r < 90) apply({ type: 'advance', ms: pick(p, [200, 1_000, 5_000, 30_000, 120_000]) });
    else apply({ type: 'runUntilIdle', maxMs: 600_000 });
  }
  // Finale: faults cleared, everyone online, signed in, in the foreground, pushes delivered; relaunched; time run.
  for (const r of s.inspectServer({ limit: 0 }).errorRules) apply({ type: 'removeErrorRule', id: r.id });
  for (const d of ids) {
    apply({ type: 'setNetwork', device: d, mode: 'online' });
    apply({ type: 'setPushPolicy', device: d, policy: 'deliver' });
    if (s.inspectDevice(d, { limit: 0 }).user === null) apply({ type: 'account', device: d, action: 'signIn', user: USER });
    apply({ type: 'setAppState', device: d, state: 'foreground' });
  }
  apply({ type: 'runUntilIdle' });
  for (let round = 0; round < 2; round++) {
    for (const d of ids) {
      apply({ type: 'setAppState', device: d, state: 'quit' });
      apply({ type: 'setAppState', device: d, state: 'foreground' });
    }
    apply({ type: 'runUntilIdle' });
  }
  return { seed, sandbox: s, steps, refused };
}

function objectsOf(s: Sandbox, device: string, entity?: string): readonly ObjectSnapshot[] {
  return s.inspectDevice(device, { limit: 100_000, ...(entity ? { entity } : {}) }).objects;
}

function randomChanges(p: Prng, s: Sandbox, device: string): ObjectChange[] {
  const n = 1 + p.int(3);
  const out: ObjectChange[] = [];
  const existing = objectsOf(s, device);
  const byEntity = (e: string): string[] => existing.filter((o) => o.entity === e).map((o) => o.id);
  const used = new Set<string>();
  for (let i = 0; i < n; i++) {
    const k = p.int(10);
    const candidates = existing.filter((o) => !used.has(o.id));
    if (k < 4 || candidates.length === 0) {
      const entity = pick(p, ENTITIES);
      out.push({ op: 'insert', entity, values: insertValues(p, entity), relationships: insertRelationships(p, entity, byEntity) });
    } else if (k < 7) {
      const o = pick(p, candidates);
      used.add(o.id);
      out.push({ op: 'update', id: o.id, values: insertValues(p, o.entity) });
    } else if (k < 9) {
      const o = pick(p, candidates);
      used.add(o.id);
      out.push({ op: 'update', id: o.id, relationships: insertRelationships(p, o.entity, byEntity, true) });
    } else {
      const o = pick(p, candidates);
      used.add(o.id);
      out.push({ op: 'delete', id: o.id });
      break; // later changes might name an object this delete cascades to
    }
  }
  return out;
}

function insertValues(p: Prng, entity: string): Record<string, string | number> {
  const word = pick(p, ['milk', 'eggs', 'tea', 'rice', 'soap']) + p.int(100);
  switch (entity) {
    case 'List': return { name: word };
    case 'Item': return p.int(2) === 0 ? { title: word } : { title: word, count: p.int(10) };
    case 'Detail': return { note: word };
    default: return { label: word };
  }
}

function insertRelationships(p: Prng, entity: string, byEntity: (e: string) => string[], force = false): Record<string, string | string[] | null> | undefined {
  if (!force && p.int(2) === 0) return undefined;
  const some = (e: string): string[] => byEntity(e).filter(() => p.int(3) === 0);
  const one = (e: string): string | null => { const xs = byEntity(e); return xs.length === 0 || p.int(4) === 0 ? null : pick(p, xs); };
  switch (entity) {
    case 'List': return { items: some('Item') };
    case 'Item': {
      const k = p.int(3);
      return k === 0 ? { list: one('List') } : k === 1 ? { detail: one('Detail') } : { tags: some('Tag') };
    }
    case 'Detail': return { item: one('Item') };
    default: return { items: some('Item') };
  }
}

function randomRule(p: Prng, id: string, devices: readonly string[]): ServerErrorRule {
  const times = 1 + p.int(4);
  const device = p.int(2) === 0 ? pick(p, devices) : undefined;
  const match = { ...(device ? { device } : {}) };
  switch (p.int(7)) {
    case 0: return { id, match: { ...match, op: 'modifyRecords' }, error: { code: 34, retryAfterSeconds: p.int(2) === 0 ? 0 : 5 }, times };
    case 1: return { id, match: { ...match, op: 'modifyRecords' }, error: { code: 7, retryAfterSeconds: 3 }, times };
    case 2: return { id, match: { ...match, op: 'modifyRecords' }, error: { code: 11 }, perRecord: true, times };
    case 3: return { id, match: { ...match, op: 'fetchRecordZoneChanges' }, error: { code: 4 }, times };
    case 4: return { id, match: { ...match, op: 'fetchDatabaseChanges' }, error: { code: 6, retryAfterSeconds: 2 }, times };
    case 5: return { id, match: { ...match, op: 'modifyRecords' }, error: { code: 15 }, perRecord: true, times };
    default: return { id, match: { ...match, op: ['modifyRecords', 'fetchRecordZoneChanges'] }, error: { code: 3 }, times };
  }
}

// ---------------------------------------------------------------------------------------------------
// Convergence

export type ConvergenceResult = { ok: true; excused: number } | { ok: false; kind: string; detail: string };

interface Comparable {
  readonly entity: string;
  readonly values: string;
  readonly relationships: string;
}

/** Object ids an announced divergence names (warning events with `divergence`). */
export function announcedObjects(events: readonly SandboxEvent[]): Set<string> {
  const ids = new Set<string>();
  for (const e of events) if (e.kind === 'warning' && e.divergence) for (const id of e.divergence.objects) ids.add(id);
  return ids;
}

/** Announced join records (`CDMR_<a>_<b>_<relationship>`) excuse the pair they relate. */
function excusedPairs(excused: ReadonlySet<string>): Set<string> {
  const pairs = new Set<string>();
  for (const name of excused) {
    const [kind, a, b] = name.split('_');
    if (kind === 'CDMR' && a && b) { pairs.add(`${a}|${b}`); pairs.add(`${b}|${a}`); }
  }
  return pairs;
}

function comparable(o: ObjectSnapshot, excused: ReadonlySet<string>, pairs: ReadonlySet<string>): Comparable {
  const rel: Record<string, string | string[] | null> = {};
  for (const [k, v] of Object.entries(o.relationships) as [string, string | readonly string[] | null][]) {
    if (v === null || typeof v === 'string') rel[k] = v !== null && excused.has(v) ? null : v;
    else rel[k] = v.filter((x) => !excused.has(x) && !pairs.has(`${o.id}|${x}`));
  }
  return { entity: o.entity, values: stable(o.values), relationships: stable(rel) };
}

function stable(o: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(Object.keys(o).sort().map((k) => [k, o[k]]));
}

/** Every device holds the same objects as the first device and as the server, except announced ones. */
export function checkConvergence(s: Sandbox): ConvergenceResult {
  const excused = announcedObjects(s.events());
  const pairs = excusedPairs(excused);
  const devices = s.config.devices.map((d) => d.id);
  const views = devices.map((d) => {
    const m = new Map<string, Comparable>();
    for (const o of objectsOf(s, d)) if (!excused.has(o.id)) m.set(o.id, comparable(o, excused, pairs));
    return m;
  });
  for (let i = 1; i < views.length; i++) {
    const a = views[0];
    const b = views[i];
    for (const [id, ca] of a) {
      const cb = b.get(id);
      if (!cb) return { ok: false, kind: 'missing-object', detail: `${devices[0]} has ${ca.entity} ${id}, ${devices[i]} does not` };
      if (ca.values !== cb.values) return { ok: false, kind: 'value-divergence', detail: `${ca.entity} ${id}: ${devices[0]} ${ca.values} vs ${devices[i]} ${cb.values}` };
      if (ca.relationships !== cb.relationships) return { ok: false, kind: 'relationship-divergence', detail: `${ca.entity} ${id}: ${devices[0]} ${ca.relationships} vs ${devices[i]} ${cb.relationships}` };
    }
    for (const [id, cb] of b) if (!a.has(id)) return { ok: false, kind: 'missing-object', detail: `${devices[i]} has ${cb.entity} ${id}, ${devices[0]} does not` };
  }
  const server = s.inspectServer({ user: USER, limit: 100_000 });
  const names = new Set<string>();
  for (const db of server.databases) {
    if (db.user !== USER) continue;
    for (const z of db.zones) for (const r of z.records) if (r.recordType !== 'CDMR' && !excused.has(r.recordName)) names.add(r.recordName);
  }
  const local = views[0];
  for (const n of names) if (!local.has(n)) return { ok: false, kind: 'server-only-record', detail: `the server has ${n}, the devices do not` };
  for (const id of local.keys()) if (!names.has(id)) return { ok: false, kind: 'device-only-object', detail: `the devices have ${id}, the server does not` };
  return { ok: true, excused: excused.size };
}

/** The recorded session replays to the identical event log. */
export function checkReplay(s: Sandbox): ConvergenceResult {
  const saved = s.save();
  let b;
  try {
    b = loadSession(saved).save();
  } catch (e) {
    return { ok: false, kind: 'replay', detail: e instanceof Error ? e.message : String(e) };
  }
  return saved.eventDigest === b.eventDigest && saved.eventCount === b.eventCount
    ? { ok: true, excused: 0 }
    : { ok: false, kind: 'replay', detail: `replay digest ${b.eventDigest}/${b.eventCount} vs ${saved.eventDigest}/${saved.eventCount}` };
}
