import type { AttrValue, DatabaseScope, FieldValue } from '../api';
import type { RuntimeSchema } from './schema';

/**
 * What the simulated container stores (reference/sync-semantics.md §2): per environment a private database
 * per user and one public database; zones with an append-only change log and tombstones; records with
 * change tags. The operations on it live in records.ts (modifyRecords), change-feeds.ts and server.ts.
 */

export const PUBLIC_DEFAULT_ZONE = '_defaultZone';

export interface ServerRecord {
  readonly recordName: string;
  readonly recordType: string;
  /** Immutable once stored: a modification stores a new object (copy on write). */
  readonly fields: Readonly<Record<string, FieldValue>>;
  readonly changeTag: string;
  readonly createdT: number;
  readonly modifiedT: number;
  readonly modifiedBy: string | null;
  readonly size: number;
  /** Zone change counter of its last change. */
  readonly seq: number;
}

interface Tombstone {
  readonly recordName: string;
  readonly recordType: string;
  readonly seq: number;
  readonly t: number;
}

/**
 * A zone's change log: (change sequence, record name) pairs in sequence order, kept as two parallel arrays
 * (an object per entry was ~40 bytes, 4 MB at 100k records: issue 17 memory).
 */
export class ChangeLog {
  private readonly seqs: number[] = [];
  private readonly names: string[] = [];

  get length(): number {
    return this.seqs.length;
  }

  push(seq: number, name: string): void {
    this.seqs.push(seq);
    this.names.push(name);
  }

  seqAt(i: number): number {
    return this.seqs[i];
  }

  nameAt(i: number): string {
    return this.names[i];
  }
}

export class Zone {
  readonly records = new Map<string, ServerRecord>();
  readonly tombstones = new Map<string, Tombstone>();
  /** Append-only change log; superseded entries are skipped when read. */
  readonly log = new ChangeLog();
  counter = 0;
  /** Tokens below this have expired (tombstones purged or tokens expired by a fault). */
  expiredBelow = 0;
  /**
   * Page tokens below `expiredBelow` that the server handed out during a fetch that started from a nil token
   * after the expiry: still valid (they are positions in a fresh full fetch). Without them a paged full fetch
   * failed on its second page for ever (issue 17 fuzz). Cleared when `expiredBelow` moves.
   */
  readonly continuations = new Set<number>();
  constructor(readonly name: string, readonly owner: string) {}
}

export class Database {
  readonly zones = new Map<string, Zone>();
  readonly zoneChangeSeq = new Map<string, number>();
  readonly zoneDeletions: { zone: string; seq: number; purged: boolean }[] = [];
  readonly purgedZones = new Set<string>();
  readonly subscriptions = new Set<string>();
  /** Devices registered for this database's pushes (the subscription's creator's devices, §2.5). */
  readonly subscribers = new Set<string>();
  counter = 0;
  expiredBelow = 0;
  usedBytes = 0;
  constructor(readonly scope: DatabaseScope, readonly user: string | null) {}
}

/** A participant of a share as the server keeps it (reference/sharing.md §4). */
export interface ShareParticipant {
  readonly user: string;
  role: 'owner' | 'administrator' | 'privateUser' | 'publicUser';
  permission: 'readOnly' | 'readWrite';
  status: 'pending' | 'accepted' | 'removed';
}

/** A zone-wide share: its zone lives in the owner's private database (sharing.md §1, §2). */
export interface ShareState {
  readonly zone: string;
  readonly owner: string;
  participants: ShareParticipant[];
}

export class EnvironmentState {
  readonly privateDbs = new Map<string, Database>();
  /** Per user: the shared database, a window onto other owners' share zones (the same Zone objects, nothing copied). */
  readonly sharedDbs = new Map<string, Database>();
  /** Shares by zone name (share zone names are UUIDs, unique in the container). */
  readonly shares = new Map<string, ShareState>();
  readonly publicDb = new Database('public', null);
  readonly assets = new Map<string, AttrValue>();
  constructor(public schema: RuntimeSchema) {
    this.publicDb.zones.set(PUBLIC_DEFAULT_ZONE, new Zone(PUBLIC_DEFAULT_ZONE, '__defaultOwner__'));
  }
  privateDb(user: string): Database {
    let db = this.privateDbs.get(user);
    if (!db) {
      db = new Database('private', user);
      this.privateDbs.set(user, db);
    }
    return db;
  }
  sharedDb(user: string): Database {
    let db = this.sharedDbs.get(user);
    if (!db) {
      db = new Database('shared', user);
      this.sharedDbs.set(user, db);
    }
    return db;
  }
}
