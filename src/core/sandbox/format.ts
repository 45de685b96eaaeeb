import type { SandboxEvent } from './api';
import { formatCKError } from './api';

/** Virtual time as `+[Dd ]HH:MM:SS.mmm`. */
export function formatT(t: number): string {
  const ms = Math.floor(t % 1000);
  const s = Math.floor(t / 1000) % 60;
  const m = Math.floor(t / 60_000) % 60;
  const h = Math.floor(t / 3_600_000) % 24;
  const d = Math.floor(t / 86_400_000);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `+${d > 0 ? `${d}d ` : ''}${p(h)}:${p(m)}:${p(s)}.${p(ms, 3)}`;
}

const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ');

/** What an event says, in one line (the text timeline of `ckdev scenario` and the webview's log). */
export function describeEvent(e: SandboxEvent): string {
  switch (e.kind) {
    case 'session.started': return `session started: seed ${e.seed}, devices ${e.devices.join(', ')}, ${e.environment}`;
    case 'input': return `input ${e.input.type}${inputDetail(e)}`;
    case 'cloudkit.event':
      return e.endDate === null
        ? `eventChangedNotification ${e.eventType} started (${e.identifier.slice(0, 8)})`
        : `eventChangedNotification ${e.eventType} ended (${e.identifier.slice(0, 8)}) succeeded=${e.succeeded}${e.error ? ` error=${oneLine(formatCKError(e.error))}` : ''}`;
    case 'engine.willFetchChanges': return `willFetchChanges (${e.label})`;
    case 'engine.fetchedDatabaseChanges': return `fetchedDatabaseChanges zones changed [${e.modifications.join(', ')}] deleted [${e.deletions.map((d) => `${d.zone} (${d.reason})`).join(', ')}]`;
    case 'engine.willFetchRecordZoneChanges': return `willFetchRecordZoneChanges ${e.zone}`;
    case 'engine.fetchedRecordZoneChanges': return `fetchedRecordZoneChanges ${e.modificationCount} modified, ${e.deletionCount} deleted, moreComing=${e.moreComing}`;
    case 'engine.didFetchRecordZoneChanges': return `didFetchRecordZoneChanges ${e.zone}${e.error ? ` error=${oneLine(formatCKError(e.error))}` : ''}`;
    case 'engine.didFetchChanges': return `didFetchChanges${e.error ? ` error=${oneLine(formatCKError(e.error))}` : ''}`;
    case 'engine.willSendChanges': return `willSendChanges (${e.label})`;
    case 'engine.sentDatabaseChanges': return `sentDatabaseChanges zones [${e.savedZones.join(', ')}] subscriptions [${e.savedSubscriptions.join(', ')}]${e.error ? ` error=${oneLine(formatCKError(e.error))}` : ''}`;
    case 'engine.sentRecordZoneChanges': return `sentRecordZoneChanges ${e.savedCount} saved, ${e.deletedCount} deleted, ${e.failedSaves.length + e.failedDeletes.length} failed${e.failedSaves.length > 0 ? ` (${e.failedSaves[0].record.recordName}: ${oneLine(formatCKError(e.failedSaves[0].error))})` : ''}`;
    case 'engine.didSendChanges': return `didSendChanges${e.error ? ` error=${oneLine(formatCKError(e.error))}` : ''}`;
    case 'engine.stateUpdate': return `stateUpdate database=${e.databaseToken ?? 'nil'} zone=${e.zoneToken ?? 'nil'}`;
    case 'engine.accountChange': return `accountChange ${e.changeType} ${e.previousUser ?? 'none'} → ${e.currentUser ?? 'none'}`;
    case 'engine.reset': return `${e.phase === 'will' ? 'willResetSync' : 'didResetSync'} reason=${e.reason} (${e.reasonCode})${e.error && e.phase === 'will' ? ` error=${oneLine(formatCKError(e.error))}` : ''}`;
    case 'scheduler.requested': return `dasd: ${e.activity} requested (${e.label})`;
    case 'scheduler.decision': return `dasd: ${e.activity} ${e.decision === 'proceed' ? 'Can Proceed' : `Must Not Proceed (${e.policy ?? 'policy'}${e.untilT !== null ? ` until ${formatT(e.untilT)}` : ''})`}`;
    case 'scheduler.cancelled': return `${e.activity} request cancelled: ${oneLine(formatCKError(e.error))}`;
    case 'scheduler.retry': return `${e.activity} retry in ${(e.afterMs / 1000).toFixed(1)} s (at ${formatT(e.atT)})`;
    case 'server.op': return `server ${e.op}${e.zone ? ` ${e.zone}` : ''} ${e.itemCount > 0 ? `${e.itemCount} items ` : ''}→ ${e.result}${e.error ? ` ${oneLine(formatCKError(e.error))}` : ''}`;
    case 'transport.failed': return `network: ${e.op} failed ${oneLine(formatCKError(e.error))}`;
    case 'server.schemaChanged': return `server ${e.environment} schema grew: ${[...e.addedTypes.map((t) => `type ${t}`), ...e.addedFields].join(', ')}`;
    case 'server.deploy': return e.ok ? `schema deployed to production: ${[...e.addedTypes, ...e.addedFields].join(', ') || 'no changes'}` : `schema deploy rejected: ${e.blocked.join('; ')}`;
    case 'server.zoneDeleted': return `server: zone ${e.zone} of ${e.user} ${e.purged ? 'purged' : 'deleted'}`;
    case 'server.tokensExpired': return `server: change tokens expired${e.user ? ` for ${e.user}` : ''}`;
    case 'server.errorRuleFired': return `server: fault rule ${e.ruleId} fired on ${e.op}`;
    case 'push.sent': return `push ${e.pushId} sent (${e.subscriptionId})`;
    case 'push.held': return `push ${e.pushId} held (${e.reason})`;
    case 'push.coalesced': return `push ${e.pushId} replaces held ${e.replacedPushId}`;
    case 'push.delivered': return `push ${e.pushId} delivered`;
    case 'push.dropped': return `push ${e.pushId} dropped (${e.reason})`;
    case 'store.saved': return `store saved by ${e.author}: +${e.inserted} ~${e.updated} -${e.deleted} (transaction ${e.transaction})`;
    case 'store.remoteChange': return `NSPersistentStoreRemoteChange (transaction ${e.transaction})`;
    case 'store.historyPurged': return `persistent history purged through transaction ${e.throughTransaction}`;
    case 'device.network': return `network ${e.mode} (${e.latencyMs} ms)`;
    case 'device.appState': return `app ${e.previous} → ${e.state}`;
    case 'device.account': return `iCloud account ${e.previousUser ?? 'none'} → ${e.user ?? 'none'}`;
    case 'option.changed': return `option ${e.option} = ${JSON.stringify(e.value)}`;
    case 'note': return `# ${e.text}`;
    case 'warning': return `warning: ${e.message}`;
    case 'share.created': return `share ${e.reused ? 'extended' : 'created'}: ${e.zone} (${e.objectCount} object${e.objectCount === 1 ? '' : 's'} moved) by ${e.owner}`;
    case 'share.participantsChanged': return `share ${e.zone} participants: ${[...e.joined.map((u) => `${u} joined`), ...e.left.map((u) => `${u} left`)].join(', ')}`;
    case 'share.accepted': return `share ${e.zone} of ${e.owner} accepted by ${e.user}`;
    case 'share.left': return `${e.user} left share ${e.zone}`;
    case 'share.stopped': return `${e.owner} stopped sharing ${e.zone}`;
    case 'share.zoneRemoved': return `${e.store} store: ${e.objectsRemoved} object${e.objectsRemoved === 1 ? '' : 's'} of ${e.zone} removed (${e.reason})`;
    case 'share.failed': return `share ${e.action} failed: ${oneLine(e.message)}`;
    case 'push.budget': return `push ${e.pushId} budget: ${e.decision} (answer ${e.answer}, credit ${e.credit})`;
  }
}

function inputDetail(e: Extract<SandboxEvent, { kind: 'input' }>): string {
  const i = e.input;
  switch (i.type) {
    case 'save': return ` ${i.changes.length} change${i.changes.length === 1 ? '' : 's'} (${i.changes.slice(0, 3).map((c) => c.op === 'insert' ? `insert ${c.entity}` : `${c.op} ${c.id.slice(0, 8)}`).join(', ')}${i.changes.length > 3 ? ', ...' : ''})`;
    case 'setNetwork': return ` ${i.mode}`;
    case 'setAppState': return ` ${i.state}`;
    case 'setPushPolicy': return ` ${i.policy}`;
    case 'setScheduler': return ` ${i.policy}${i.reason ? ` ${i.reason}` : ''}`;
    case 'addErrorRule': return ` ${i.rule.id} (code ${i.rule.error.code})`;
    case 'account': return ` ${i.action}${i.user ? ` ${i.user}` : ''}`;
    case 'deleteZone': return ` ${i.zone ?? 'com.apple.coredata.cloudkit.zone'}${i.purge ? ' (purge)' : ''}`;
    case 'setOption': return ` ${i.option}=${JSON.stringify(i.value)}`;
    case 'setEnvironment': return ` ${i.environment}`;
    case 'share': return ` ${i.objects.length} object${i.objects.length === 1 ? '' : 's'}${i.toShare ? ` to ${i.toShare}` : ''}${i.participants?.length ? ` with ${i.participants.map((p) => `${p.user} (${p.permission ?? 'readOnly'})`).join(', ')}` : ''}`;
    case 'acceptShare': case 'leaveShare': case 'purgeZone': return ` ${i.share}`;
    case 'stopSharing': return ` ${i.share}${i.purge ? ' (purge)' : ''}`;
    case 'persistUpdatedShare': return ` ${i.share}${i.add?.length ? ` +${i.add.map((p) => p.user).join(',')}` : ''}${i.remove?.length ? ` -${i.remove.join(',')}` : ''}`;
    case 'setPushResponse': return ` ${i.answer}${i.handlerMs !== undefined ? ` (${i.handlerMs} ms)` : ''}`;
    default: return '';
  }
}

export function formatEvent(e: SandboxEvent): string {
  return `${formatT(e.t)} ${(e.device ?? '-').padEnd(3)} ${describeEvent(e)}`;
}

export function formatTimeline(events: readonly SandboxEvent[]): string {
  return events.map(formatEvent).join('\n');
}
