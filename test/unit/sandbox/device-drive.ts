import type { CKErrorInfo, RecordRef } from '../../../src/core/sandbox/api';
import type { Effect } from '../../../src/core/sandbox/device/device-context';
import type { ServerRecord } from '../../../src/core/sandbox/server/storage';
import type { ServerRequest, ServerResponse } from '../../../src/core/sandbox/server/wire';

/**
 * Runs a device activity generator (or a part of one) against scripted server answers, with no sandbox: the
 * requests it yields are recorded, and each is answered by the next entry of `answers` (a response, or a
 * function of the request that may also change the device in between, as a concurrent save would). Asking
 * for more requests than scripted fails the test. Written by us.
 */
export type Answer = ServerResponse | ((req: ServerRequest) => ServerResponse);

export function drive<T>(gen: Generator<Effect, T, ServerResponse | undefined>, answers: readonly Answer[]): { requests: ServerRequest[]; sleeps: number[]; result: T } {
  const requests: ServerRequest[] = [];
  const sleeps: number[] = [];
  let step = gen.next(undefined);
  while (!step.done) {
    const eff = step.value;
    if ('req' in eff) {
      const a = answers[requests.length];
      requests.push(eff.req);
      if (a === undefined) throw new Error(`unscripted request #${requests.length}: ${JSON.stringify(eff.req)}`);
      step = gen.next(typeof a === 'function' ? a(eff.req) : a);
    } else {
      sleeps.push(eff.sleepMs);
      step = gen.next(undefined);
    }
  }
  return { requests, sleeps, result: step.value };
}

export function record(recordName: string, fields: ServerRecord['fields'], over: Partial<ServerRecord> = {}): ServerRecord {
  return { recordName, recordType: 'CD_Tag', fields, changeTag: 'ct-srv', createdT: 0, modifiedT: 0, modifiedBy: null, size: 0, seq: 1, ...over };
}

export function modified(saved: readonly [string, string, string][], extra: {
  deleted?: string[]; itemErrors?: [string, CKErrorInfo][]; serverRecords?: [string, ServerRecord][]; error?: CKErrorInfo | null;
} = {}): ServerResponse {
  return {
    op: 'modifyRecords', error: extra.error ?? null,
    result: {
      saved: saved.map(([recordName, recordType, changeTag]) => ({ recordName, recordType, changeTag })), deleted: extra.deleted ?? [],
      itemErrors: new Map(extra.itemErrors ?? []), serverRecords: new Map(extra.serverRecords ?? []),
    },
  };
}

export function dbChanges(changedZones: string[], token: number, deletedZones: { zone: string; purged: boolean }[] = [], error: CKErrorInfo | null = null): ServerResponse {
  return { op: 'fetchDatabaseChanges', error, changedZones, deletedZones, token };
}

export function zoneChanges(mod: ServerRecord[], token: number, extra: { deleted?: RecordRef[]; moreComing?: boolean; error?: CKErrorInfo | null } = {}): ServerResponse {
  return { op: 'fetchRecordZoneChanges', error: extra.error ?? null, modified: mod, deleted: extra.deleted ?? [], token, moreComing: extra.moreComing ?? false };
}
