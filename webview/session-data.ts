/**
 * Plain data the panel derives from the engine, with no DOM: the session config for the workspace
 * model, and the timeline's per-event row (lane, category, summary, CloudKit-style error, search text).
 */
import type { SchemaIR } from '../src/core/cloudkit/schema-ir';
import { parseCkdb } from '../src/core/ckdb/parser';
import type { DeviceConfig, ModelSpec, SandboxConfig, SandboxEvent, SchemaSource } from '../src/core/sandbox/api';
import { categoryOf, errorOf, formatError, isSharingEvent, laneOf, summarize, type EventCategory } from './format';

/** One event as the timeline shows it. */
export interface EventRow {
  readonly event: SandboxEvent;
  readonly lane: string;
  readonly category: EventCategory;
  readonly summary: string;
  /** The CloudKit-style error text, when the event carries an error. */
  readonly errorText: string | undefined;
  /** Lower-cased text the filter box searches. */
  readonly haystack: string;
  /** Shown by the timeline's Sharing filter (share events, sharing inputs, shared-store saves). */
  readonly sharing: boolean;
}

export const DEVICE_NAMES = ['iPhone', 'Mac', 'iPad', 'Apple Watch', 'Apple TV', 'Vision Pro'];
export const DEVICE_IDS = ['A', 'B', 'C', 'D', 'E', 'F'];
/**
 * The Apple IDs of a workspace session (sharing, issue 15): every device starts signed in to the first; the
 * device card signs a device in to another one. Three users, so a share can have an owner and two invitees
 * (modelling choice).
 */
export const SESSION_USERS: readonly { readonly id: string; readonly name: string }[] = [
  { id: 'user1', name: 'User 1' }, { id: 'user2', name: 'User 2' }, { id: 'user3', name: 'User 3' },
];

export interface SessionSetup {
  /** The workspace model as the host sent it (a ModelSpec computed in core). */
  readonly model: ModelSpec;
  /** Text of the production `.ckdb` (cloudkit.schema.production). */
  readonly productionSchema?: string;
  readonly deviceCount: number;
  readonly seed: number;
  /** The store's database when the setup code puts it on the public one; absent: private. */
  readonly database?: 'public';
}

/** The engine config for the workspace model: N devices signed in to one iCloud account, all online. */
export function configFor(setup: SessionSetup): SandboxConfig {
  const devices: DeviceConfig[] = [];
  const n = Math.min(6, Math.max(2, Math.floor(setup.deviceCount)));
  for (let i = 0; i < n; i++) {
    devices.push({ id: DEVICE_IDS[i], name: DEVICE_NAMES[i], user: 'user1', network: 'online', appState: 'foreground', pushPolicy: 'deliver' });
  }
  const production = setup.productionSchema !== undefined ? productionSchemaSource(setup.productionSchema) : undefined;
  return {
    name: 'Workspace model',
    model: { kind: 'spec', spec: setup.model },
    ...(setup.database === 'public' ? { database: 'public' as const } : {}),
    seed: setup.seed,
    devices,
    environment: 'development',
    users: SESSION_USERS,
    // With a configured production schema, development starts as production: the development schema is
    // always a superset of production (reference ckdb.md §2.2 "Cannot happen via Console (dev is a superset
    // after reset)"; §2.4: a reset reverts development to production). An empty development schema next to
    // a non-empty production one is a state CloudKit never has, and every deploy of it is blocked (QA).
    // Without one, development gets its schema just in time and production holds what the model derives.
    ...(production ? { developmentSchema: production, productionSchema: production } : { developmentSchema: { kind: 'empty' }, productionSchema: { kind: 'derived' } }),
  };
}

export function rowOf(e: SandboxEvent): EventRow {
  const lane = laneOf(e);
  const err = errorOf(e);
  const summary = summarize(e);
  const errorText = err ? formatError(err) : undefined;
  return {
    event: e, lane, category: categoryOf(e), summary, errorText,
    haystack: `${lane} ${e.kind} ${summary} ${errorText ?? ''}`.toLowerCase(),
    sharing: isSharingEvent(e),
  };
}


/**
 * The configured production `.ckdb` as a schema source: parsed here and stored without source spans, so a
 * saved session carries a compact schema and replays without the workspace. Throws on a syntax error.
 */
export function productionSchemaSource(text: string): SchemaSource {
  const { schema, findings } = parseCkdb(text);
  const error = findings.find((f) => f.severity === 'error');
  if (error) throw new Error(`line ${error.range.start.line + 1}: ${error.message}`);
  return { kind: 'ir', ir: withoutSpans(schema) };
}

function withoutSpans(s: SchemaIR): SchemaIR {
  return {
    roles: s.roles.map((r) => ({ name: r.name, quoted: r.quoted })),
    recordTypes: s.recordTypes.map((t) => ({
      name: t.name, quoted: t.quoted,
      fields: t.fields.map((f) => ({ name: f.name, quoted: f.quoted, type: f.type, options: f.options })),
      grants: t.grants.map((g) => ({ permissions: g.permissions, role: g.role, roleQuoted: g.roleQuoted })),
    })),
  };
}
