import type { DatabaseSnapshot, InspectOptions, SandboxOptions, ServerSnapshot, ZoneSnapshot } from './api';
import type { CloudKitServer } from './server/server';
import type { Database } from './server/storage';

/** The server as the inspector shows it: plain data, cut to the inspect window (offset/limit). */

export function serverSnapshot(
  server: CloudKitServer, containerId: string | undefined, opts: SandboxOptions,
  options: InspectOptions & { readonly user?: string; readonly zone?: string },
): ServerSnapshot {
  const env = server.env;
  const dbs: DatabaseSnapshot[] = [];
  const users = [...env.privateDbs.keys()].sort();
  for (const u of users) if (options.user === undefined || options.user === u) dbs.push(dbSnapshot(env.privateDbs.get(u)!, options));
  // Shared databases (sharing, issue 15) exist once sharing is used: windows onto other owners' share zones.
  for (const u of [...env.sharedDbs.keys()].sort()) if (options.user === undefined || options.user === u) dbs.push(dbSnapshot(env.sharedDbs.get(u)!, options));
  if (options.user === undefined) dbs.push(dbSnapshot(env.publicDb, options));
  const quota: Record<string, number | null> = {};
  for (const u of users) quota[u] = server.quota.get(u) ?? opts.quotaBytes;
  return {
    containerId: containerId ?? 'iCloud.com.example.sandbox', environment: server.environment,
    schemas: { development: server.envs.development.schema.toIR(), production: server.envs.production.schema.toIR() },
    databases: dbs, quota, errorRules: server.rules.map((r) => r.rule),
  };
}

function dbSnapshot(db: Database, options: InspectOptions & { readonly zone?: string }): DatabaseSnapshot {
  const zones: ZoneSnapshot[] = [];
  const offset = options.offset ?? 0;
  const limit = options.limit ?? 200;
  for (const z of db.zones.values()) {
    if (options.zone !== undefined && options.zone !== z.name) continue;
    const records = [];
    let matched = 0;
    for (const r of z.records.values()) {
      if (options.entity !== undefined && r.recordType !== options.entity && r.fields['CD_entityName'] !== options.entity) continue;
      matched++;
      if (matched <= offset || records.length >= limit) continue;
      records.push({ recordName: r.recordName, recordType: r.recordType, changeTag: r.changeTag, fields: { ...r.fields }, createdT: r.createdT, modifiedT: r.modifiedT, modifiedBy: r.modifiedBy, sizeBytes: r.size });
    }
    const tombstones = [];
    for (const t of z.tombstones.values()) tombstones.push({ recordName: t.recordName, recordType: t.recordType, deletedT: t.t, seq: t.seq });
    // Newest first (by the zone's change sequence), then cut to the inspect limit.
    tombstones.sort((a, b) => b.seq - a.seq);
    zones.push({
      name: z.name, owner: z.owner, changeCounter: z.counter, recordCount: z.records.size, tombstoneCount: z.tombstones.size, records,
      tombstones: tombstones.slice(0, limit).map(({ recordName, recordType, deletedT }) => ({ recordName, recordType, deletedT })),
    });
  }
  return { scope: db.scope, user: db.user, zones, subscriptions: [...db.subscriptions], changeCounter: db.counter, usedBytes: db.usedBytes };
}
