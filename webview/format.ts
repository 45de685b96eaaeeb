/**
 * How the panel prints engine data: event summaries, lanes and categories for the timeline, errors the
 * way CloudKit logs them (`formatCKError` from the engine API), values and times.
 */
import { formatCKError, type AttrValue, type CKErrorInfo, type FieldValue, type SandboxEvent, type SandboxInput } from '../src/core/sandbox/api';
import { describeEvent } from '../src/core/sandbox/format';

export const SERVER_LANE = 'server';

export type EventCategory = 'error' | 'input' | 'activity' | 'engine' | 'scheduler' | 'server' | 'push' | 'store' | 'device' | 'sharing';
export const EVENT_CATEGORIES: readonly EventCategory[] = ['error', 'input', 'activity', 'engine', 'scheduler', 'server', 'push', 'store', 'device', 'sharing'];

/** The sharing inputs (issue 15): `share(_:to:)`, accept, leave, stop, purge, persistUpdatedShare, push answers. */
const SHARING_INPUTS: ReadonlySet<string> = new Set(['share', 'acceptShare', 'leaveShare', 'stopSharing', 'purgeZone', 'persistUpdatedShare', 'setPushResponse']);

/**
 * Whether an event belongs to the timeline's Sharing filter: share events (also the failed ones, which the
 * Errors filter shows too), sharing inputs, saves into the shared store and the push budget's decisions.
 */
export function isSharingEvent(e: SandboxEvent): boolean {
  if (e.kind.startsWith('share.') || e.kind === 'push.budget') return true;
  if (e.kind !== 'input') return false;
  return SHARING_INPUTS.has(e.input.type) || (e.input.type === 'save' && e.input.store === 'shared');
}

/** The swimlane an event belongs to: its device, or the server for server-side and session-wide events. */
export function laneOf(e: SandboxEvent): string {
  // Requests as the server sees them (server.op), server-wide changes and pushes leaving the server.
  if (e.kind.startsWith('server.')) return SERVER_LANE;
  if (e.kind === 'push.sent') return SERVER_LANE;
  // A user's input belongs to the device it acts on (a save on A, B going offline...).
  if (e.kind === 'input' && 'device' in e.input && typeof e.input.device === 'string') return e.input.device;
  return e.device ?? SERVER_LANE;
}

/** The first error an event carries, if any. */
export function errorOf(e: SandboxEvent): CKErrorInfo | undefined {
  switch (e.kind) {
    case 'cloudkit.event': case 'engine.didFetchRecordZoneChanges': case 'engine.didFetchChanges':
    case 'engine.sentDatabaseChanges': case 'engine.didSendChanges': case 'server.op': case 'engine.reset':
      return e.error ?? undefined;
    case 'scheduler.cancelled': case 'scheduler.retry': case 'transport.failed':
      return e.error;
    case 'engine.sentRecordZoneChanges':
      return e.failedSaves[0]?.error ?? e.failedDeletes[0]?.error;
    case 'share.failed':
      return e.error ?? undefined;
    default:
      return undefined;
  }
}

export function categoryOf(e: SandboxEvent): EventCategory {
  if (errorOf(e) || e.kind === 'warning' || e.kind === 'share.failed') return 'error';
  if (e.kind !== 'input' && isSharingEvent(e)) return 'sharing';
  if (e.kind === 'input' || e.kind === 'session.started' || e.kind === 'option.changed' || e.kind === 'note') return 'input';
  if (e.kind === 'cloudkit.event') return 'activity';
  const prefix = e.kind.slice(0, e.kind.indexOf('.'));
  switch (prefix) {
    case 'engine': return 'engine';
    case 'scheduler': return 'scheduler';
    case 'server': case 'transport': return 'server';
    case 'push': return 'push';
    case 'store': return 'store';
    default: return 'device';
  }
}

export function formatError(e: CKErrorInfo): string {
  return formatCKError(e);
}

/** The short form used in one-line summaries: `<CKError "Partial Failure" (2/1011)>`. */
export function shortError(e: CKErrorInfo): string {
  if (e.domain === 'NSCocoaErrorDomain') return `NSCocoaErrorDomain ${e.code}`;
  const code = e.internalCode !== undefined ? `${e.code}/${e.internalCode}` : `${e.code}`;
  return `<CKError "${e.description}" (${code})>`;
}

export function describeInput(i: SandboxInput): string {
  switch (i.type) {
    case 'save': return `save on ${i.device}${i.store === 'shared' ? ' (shared store)' : ''}: ${i.changes.map((c) => c.op === 'insert' ? `insert ${c.entity}` : `${c.op} ${c.id}`).join(', ')}`;
    case 'setNetwork': return `${i.device} network → ${i.mode}`;
    case 'setAppState': return `${i.device} app → ${i.state}`;
    case 'setPushPolicy': return `${i.device} push policy → ${i.policy}`;
    case 'setScheduler': return `${i.device} scheduler → ${i.policy}${i.reason ? ` (${i.reason})` : ''}`;
    case 'addErrorRule': return `fault: ${i.rule.id} (error ${i.rule.error.code})`;
    case 'removeErrorRule': return `fault removed: ${i.id}`;
    case 'account': return `${i.device} account ${i.action}${i.user ? ` ${i.user}` : ''}`;
    case 'share': return `share on ${i.device}: ${i.objects.length} object${i.objects.length === 1 ? '' : 's'}${i.toShare ? ` to ${shortZone(i.toShare)}` : ''}${i.participants?.length ? ` with ${i.participants.map((p) => `${p.user} (${p.permission ?? 'readOnly'})`).join(', ')}` : ''}`;
    case 'acceptShare': return `${i.device} accepts ${shortZone(i.share)}`;
    case 'leaveShare': return `${i.device} leaves ${shortZone(i.share)}`;
    case 'stopSharing': return `${i.device} stops sharing ${shortZone(i.share)}${i.purge ? ' (purge)' : ''}`;
    case 'purgeZone': return `${i.device} purges zone ${shortZone(i.share)}`;
    case 'persistUpdatedShare': return `${i.device} persists the updated ${shortZone(i.share)}`;
    case 'setPushResponse': return `${i.device} answers pushes with ${i.answer}`;
    case 'deploySchema': return 'deploy schema to production';
    case 'setEnvironment': return `environment → ${i.environment}`;
    case 'advance': return `fast-forward ${formatDuration(i.ms)}`;
    case 'note': return `note: ${i.text}`;
    case 'setQuota': return `quota of ${i.user} → ${i.bytes === null ? 'unlimited' : `${i.bytes} bytes`}`;
    case 'deleteZone': return `${i.purge ? 'purge' : 'delete'} zone${i.zone ? ` ${i.zone}` : ''} of ${i.user}`;
    case 'purgeHistory': return `${i.device} purges history`;
    case 'fetchChanges': return `${i.device} fetch changes`;
    case 'sendChanges': return `${i.device} send changes`;
    default: return i.type;
  }
}

/** One line per event, as shown in the timeline. */
export function summarize(e: SandboxEvent): string {
  const err = errorOf(e);
  const errText = err ? ` ${shortError(err)}` : '';
  switch (e.kind) {
    case 'session.started': return `session started (seed ${e.seed}, ${e.devices.length} devices, ${e.environment})`;
    case 'input': return describeInput(e.input);
    case 'cloudkit.event': return `${e.eventType} ${e.endDate === null ? 'started' : e.succeeded ? 'succeeded' : 'failed'}${errText}`;
    case 'engine.willFetchChanges': return `will fetch changes (${e.label})`;
    case 'engine.fetchedDatabaseChanges': return `fetched database changes: ${e.modifications.length} zones changed, ${e.deletions.length} deleted`;
    case 'engine.willFetchRecordZoneChanges': return `will fetch zone ${e.zone}`;
    case 'engine.fetchedRecordZoneChanges': return `fetched ${e.modificationCount} modifications, ${e.deletionCount} deletions${e.moreComing ? ' (more coming)' : ''}`;
    case 'engine.didFetchRecordZoneChanges': return `did fetch zone changes${errText}`;
    case 'engine.didFetchChanges': return `did fetch changes${errText}`;
    case 'engine.willSendChanges': return `will send changes (${e.label})`;
    case 'engine.sentDatabaseChanges': return `sent database changes: ${e.savedZones.length} zones, ${e.savedSubscriptions.length} subscriptions${errText}`;
    case 'engine.sentRecordZoneChanges': return `sent ${e.savedCount} saves, ${e.deletedCount} deletes${e.failedSaves.length + e.failedDeletes.length ? `, ${e.failedSaves.length + e.failedDeletes.length} failed` : ''}${errText}`;
    case 'engine.didSendChanges': return `did send changes${errText}`;
    case 'engine.stateUpdate': return 'state update (change tokens)';
    case 'engine.accountChange': return `account ${e.changeType}`;
    case 'engine.reset': return `${e.phase} reset sync: ${e.reason} (${e.reasonCode})${errText}`;
    case 'scheduler.requested': return `dasd: ${e.activity} requested (${e.label})`;
    case 'scheduler.decision': return `dasd: ${e.activity} ${e.decision === 'proceed' ? 'Can Proceed' : `Must Not Proceed${e.policy ? ` (${e.policy})` : ''}`}`;
    case 'scheduler.cancelled': return `${e.activity} request cancelled${errText}`;
    case 'scheduler.retry': return `${e.activity} retry in ${formatDuration(e.afterMs)}${errText}`;
    case 'server.op': return `${e.op} ${e.result}${e.itemCount ? ` (${e.itemCount} items)` : ''}${errText}`;
    case 'transport.failed': return `${e.op} failed in transport${errText}`;
    case 'server.schemaChanged': return `${e.environment} schema extended: ${[...e.addedTypes, ...e.addedFields].join(', ')}`;
    case 'server.deploy': return `deploy to production ${e.ok ? 'succeeded' : 'blocked'}: +${e.addedTypes.length} types, +${e.addedFields.length} fields${e.blocked.length ? `, blocked: ${e.blocked.join(', ')}` : ''}`;
    case 'server.zoneDeleted': return `zone ${e.zone} ${e.purged ? 'purged' : 'deleted'} (${e.user})`;
    case 'server.tokensExpired': return `change tokens expired${e.user ? ` (${e.user})` : ''}`;
    case 'server.errorRuleFired': return `fault ${e.ruleId} fired on ${e.op}`;
    case 'push.sent': return `push ${e.pushId} sent${e.originator ? ` (change by ${e.originator})` : ''}`;
    case 'push.held': return `push ${e.pushId} held (${e.reason})`;
    case 'push.coalesced': return `push ${e.pushId} replaced ${e.replacedPushId}`;
    case 'push.delivered': return `push ${e.pushId} delivered`;
    case 'push.dropped': return `push ${e.pushId} dropped (${e.reason})`;
    case 'store.saved': return `${e.author === 'app' ? 'context saved' : e.author}: +${e.inserted} ~${e.updated} −${e.deleted} (tx ${e.transaction})`;
    case 'store.remoteChange': return `NSPersistentStoreRemoteChange (tx ${e.transaction})`;
    case 'store.historyPurged': return `history purged through tx ${e.throughTransaction}`;
    case 'device.network': return `network ${e.mode}`;
    case 'device.appState': return `app ${e.previous} → ${e.state}`;
    case 'device.account': return `account ${e.previousUser ?? 'none'} → ${e.user ?? 'none'}`;
    case 'option.changed': return `option ${e.option} = ${JSON.stringify(e.value)}`;
    case 'note': return e.text;
    case 'warning': return `warning: ${e.message}`;
    // Sharing events (issue 15): zone names shortened (the full name is in the event's details).
    case 'share.created': return `${shortZone(e.zone)} ${e.reused ? 'extended' : 'created'} by ${e.owner}: ${e.objectCount} object${e.objectCount === 1 ? '' : 's'} moved`;
    case 'share.participantsChanged': return `${shortZone(e.zone)} participants: ${[...e.joined.map((u) => `${u} joined`), ...e.left.map((u) => `${u} left`)].join(', ') || 'changed'}`;
    case 'share.accepted': return `${shortZone(e.zone)} of ${e.owner} accepted by ${e.user}`;
    case 'share.left': return `${e.user} left ${shortZone(e.zone)}`;
    case 'share.stopped': return `${e.owner} stopped sharing ${shortZone(e.zone)}`;
    case 'share.zoneRemoved': return `${e.store} store: ${e.objectsRemoved} object${e.objectsRemoved === 1 ? '' : 's'} of ${shortZone(e.zone)} removed (${e.reason})`;
    case 'share.failed': return `share ${e.action} failed${e.zone ? ` (${shortZone(e.zone)})` : ''}${errText || `: ${e.message.split('\n')[0].slice(0, 160)}`}`;
    default: return describeEvent(e);
  }
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
  return `${Math.floor(ms / 3_600_000)} h ${Math.round((ms % 3_600_000) / 60_000)} min`;
}

/** Virtual time as `+mm:ss.mmm` (or `+h:mm:ss`) since the session started. */
export function formatClock(t: number): string {
  const ms = Math.max(0, Math.floor(t));
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const frac = String(ms % 1000).padStart(3, '0');
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `+${h}:${mm}:${ss}.${frac}` : `+${mm}:${ss}.${frac}`;
}

export function formatValue(v: AttrValue | FieldValue | undefined): string {
  if (v === undefined || v === null) return '—';
  if (typeof v === 'object') {
    if (v.kind === 'bytes') return `‹${v.length} bytes${v.tag ? ` ${v.tag}` : ''}›`;
    return `CKAsset ‹${v.length} bytes›`;
  }
  if (typeof v === 'boolean') return v ? 'YES' : 'NO';
  return String(v);
}

/** The device's mirroring setup state in words ("not started", not the engine's `notStarted`). */
export function setupLabel(state: 'notStarted' | 'running' | 'succeeded' | 'failed'): string {
  return state === 'notStarted' ? 'not started' : state;
}

/** A share zone's name without the NSPCKC prefix (`share.6C1E6F3A…`), for one-line texts; the full name is in tooltips. */
export function shortZone(zone: string): string {
  const prefix = 'com.apple.coredata.cloudkit.share.';
  const id = zone.startsWith(prefix) ? zone.slice(prefix.length) : zone;
  return id.length > 12 ? `share ${id.slice(0, 8)}…` : `share ${id}`;
}
