import type { FieldType } from '../../cloudkit/schema-ir';
import type { AttrValue, CKErrorInfo, DatabaseScope, FieldValue, RecordRef, SavePolicy, ServerOp } from '../api';
import { fieldsSize } from '../sizes';
import type { ServerRecord } from './storage';

/**
 * The wire between a device and the simulated server: requests and responses are plain data; the transport
 * (sandbox.ts) delivers them after the network latency.
 */

export interface RecordSave {
  readonly recordName: string;
  readonly recordType: string;
  readonly fields: Readonly<Record<string, FieldValue>>;
  /** The change tag the client last saw (null = new record). */
  readonly changeTag: string | null;
  /** Declared CloudKit types of the fields (CKRecord values are typed). */
  readonly types: Readonly<Record<string, FieldType>>;
}

export type ServerRequest =
  | { readonly op: 'modifyRecordZones'; readonly database: DatabaseScope; readonly saveZones: readonly string[]; readonly deleteZones: readonly string[] }
  | { readonly op: 'modifySubscriptions'; readonly database: DatabaseScope; readonly save: readonly string[] }
  | {
    readonly op: 'modifyRecords'; readonly database: DatabaseScope; readonly zone: string; readonly saves: readonly RecordSave[];
    readonly deletes: readonly RecordRef[]; readonly savePolicy: SavePolicy; readonly atomic: boolean;
    /** Contents of the assets referenced by the saves (the upload). */
    readonly assets: ReadonlyMap<string, AttrValue>;
  }
  | { readonly op: 'fetchDatabaseChanges'; readonly database: DatabaseScope; readonly token: number | null }
  | { readonly op: 'fetchRecordZoneChanges'; readonly database: DatabaseScope; readonly zone: string; readonly token: number | null; readonly limit: number }
  | { readonly op: 'queryRecords'; readonly database: DatabaseScope; readonly recordType: string; readonly modifiedAfter: number | null; readonly limit: number }
  /** CKAcceptSharesOperation for a share zone (sharing, issue 15). */
  | { readonly op: 'acceptShares'; readonly database: DatabaseScope; readonly zone: string };

export interface ModifyRecordsResult {
  readonly saved: readonly { readonly recordName: string; readonly recordType: string; readonly changeTag: string }[];
  readonly deleted: readonly string[];
  readonly itemErrors: ReadonlyMap<string, CKErrorInfo>;
  /** For serverRecordChanged (14): the server's record (CKRecordChangedErrorServerRecordKey). */
  readonly serverRecords: ReadonlyMap<string, ServerRecord>;
}

export type ServerResponse =
  | { readonly op: 'modifyRecordZones' | 'modifySubscriptions'; readonly error: CKErrorInfo | null }
  | { readonly op: 'modifyRecords'; readonly error: CKErrorInfo | null; readonly result: ModifyRecordsResult | null }
  | { readonly op: 'fetchDatabaseChanges'; readonly error: CKErrorInfo | null; readonly changedZones: readonly string[]; readonly deletedZones: readonly { zone: string; purged: boolean }[]; readonly token: number }
  | {
    readonly op: 'fetchRecordZoneChanges'; readonly error: CKErrorInfo | null; readonly modified: readonly ServerRecord[];
    readonly deleted: readonly RecordRef[]; readonly token: number; readonly moreComing: boolean;
  }
  | { readonly op: 'queryRecords'; readonly error: CKErrorInfo | null; readonly records: readonly ServerRecord[]; readonly moreComing: boolean }
  | { readonly op: 'acceptShares'; readonly error: CKErrorInfo | null; readonly owner: string | null };

export interface RequestContext {
  readonly device: string;
  readonly user: string | null;
  readonly requestId: string;
}

export function failure(op: ServerOp, error: CKErrorInfo): ServerResponse {
  switch (op) {
    case 'modifyRecords': return { op, error, result: null };
    case 'fetchDatabaseChanges': return { op, error, changedZones: [], deletedZones: [], token: 0 };
    case 'fetchRecordZoneChanges': return { op, error, modified: [], deleted: [], token: 0, moreComing: false };
    case 'queryRecords': return { op, error, records: [], moreComing: false };
    case 'modifyRecordZones': case 'modifySubscriptions': return { op, error };
    case 'acceptShares': return { op, error, owner: null };
    default: return { op: 'modifyRecordZones', error };
  }
}

export function describe(req: ServerRequest): { itemCount: number; bytes: number; zone: string | null } {
  switch (req.op) {
    case 'modifyRecords': {
      let bytes = 0;
      for (const s of req.saves) bytes += fieldsSize(s.fields);
      return { itemCount: req.saves.length + req.deletes.length, bytes, zone: req.zone };
    }
    case 'modifyRecordZones': return { itemCount: req.saveZones.length + req.deleteZones.length, bytes: 0, zone: req.saveZones[0] ?? req.deleteZones[0] ?? null };
    case 'modifySubscriptions': return { itemCount: req.save.length, bytes: 0, zone: null };
    case 'fetchRecordZoneChanges': case 'acceptShares': return { itemCount: 0, bytes: 0, zone: req.zone };
    default: return { itemCount: 0, bytes: 0, zone: null };
  }
}
