import type { DeviceSharingSnapshot, InspectOptions, ObjectSnapshot, SandboxConfig, ShareSnapshot, SharingSnapshot } from './api';
import { ZONE_WIDE_SHARE_NAME } from './api';
import type { Device } from './device/device';
import { snapshot } from './device/snapshot';
import { sharedView } from './device/store-view';
import { decodeParticipants, PARTICIPANTS_FIELD } from './server/shares';
import type { EnvironmentState } from './server/storage';

/**
 * The sharing view for the panel (plain data): users and their devices, shares on the server with their
 * participants, what each user's shared database shows, and per device its share zones and shared store.
 */
export function sharingSnapshot(env: EnvironmentState, config: SandboxConfig, devices: readonly Device[], options: InspectOptions): SharingSnapshot {
  const names = new Map<string, string>();
  for (const u of config.users ?? []) names.set(u.id, u.name ?? u.id);
  const users = new Map<string, string[]>();
  for (const u of config.users ?? []) users.set(u.id, []);
  for (const d of devices) {
    if (d.user === null) continue;
    if (!users.has(d.user)) users.set(d.user, []);
    users.get(d.user)!.push(d.id);
  }
  const shares: ShareSnapshot[] = [];
  for (const s of [...env.shares.values()].sort((a, b) => a.zone.localeCompare(b.zone))) {
    const zone = env.privateDb(s.owner).zones.get(s.zone);
    const rec = zone?.records.get(ZONE_WIDE_SHARE_NAME);
    shares.push({
      zone: s.zone, owner: s.owner, recordName: ZONE_WIDE_SHARE_NAME,
      title: typeof rec?.fields['cloudkit.title'] === 'string' ? rec.fields['cloudkit.title'] : null,
      participants: (rec ? decodeParticipants(rec.fields[PARTICIPANTS_FIELD]) : s.participants).map((p) => ({ ...p })),
      recordCount: (zone?.records.size ?? 0) - (rec ? 1 : 0), shareRecordBytes: rec?.size ?? 0, changeTag: rec?.changeTag ?? null,
    });
  }
  const sharedDatabases = [...env.sharedDbs.values()].filter((db) => db.user !== null)
    .map((db) => ({ user: db.user!, zones: [...db.zones.keys()].sort() })).sort((a, b) => a.user.localeCompare(b.user));
  return {
    users: [...users.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([id, ds]) => ({ id, name: names.get(id) ?? id, devices: ds })),
    shares, sharedDatabases, devices: devices.map((d) => deviceSharing(d, options)),
  };
}

function deviceSharing(d: Device, options: InspectOptions): DeviceSharingSnapshot {
  const s = d.sharing;
  const counts = new Map<string, number>();
  for (const map of [s.zoneOf, s.sharedZoneOf]) for (const z of map.values()) counts.set(z, (counts.get(z) ?? 0) + 1);
  const zones = [...s.shares.values()].sort((a, b) => a.zone.localeCompare(b.zone)).map((sh) => {
    const me = sh.participants.find((p) => p.user === d.user);
    return {
      zone: sh.zone, store: sh.store, owner: sh.owner, objectCount: counts.get(sh.zone) ?? 0, participants: sh.participants.map((p) => ({ ...p })),
      permission: sh.store === 'private' ? 'readWrite' as const : me?.permission ?? 'readOnly',
    };
  });
  const shared: readonly ObjectSnapshot[] = s.active ? snapshot(sharedView(d), options).objects : [];
  return {
    device: d.id, user: d.user, zones, sharedStoreCount: s.sharedStore.objects.size, sharedStore: shared,
    rejectedIds: [...s.rejected].sort(), pushBudget: s.budget ? { ...s.budget } : null,
  };
}
