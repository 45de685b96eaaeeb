import assert from 'node:assert/strict';
import type { CKErrorInfo, SandboxEventBody, SandboxOptions, SavePolicy } from '../../../src/core/sandbox/api';
import { DEFAULT_OPTIONS } from '../../../src/core/sandbox/options';
import { RuntimeSchema } from '../../../src/core/sandbox/server/schema';
import { CloudKitServer, type RecordSave, type ServerRequest, type ServerResponse } from '../../../src/core/sandbox/server/server';

/**
 * The simulated server on its own (src/core/sandbox/server), request by request: what each save policy
 * does with change tags, the change feeds' tokens, limits and faults. The engine tests reach these only
 * through devices; here a wrong answer of the server is seen directly (issue 18: a stale change tag
 * accepted under ifServerRecordUnchanged stayed green).
 */
const ZONE = 'com.apple.coredata.cloudkit.zone';

interface Harness {
  readonly server: CloudKitServer;
  readonly events: { body: SandboxEventBody; device?: string }[];
  readonly pushes: { originator: string | null }[];
  clock: number;
  options: SandboxOptions;
  send(req: ServerRequest, device?: string, user?: string | null): ServerResponse;
  save(saves: readonly Partial<RecordSave>[], policy?: SavePolicy, extra?: { atomic?: boolean; device?: string; deletes?: string[] }): Extract<ServerResponse, { op: 'modifyRecords' }>;
}

function harness(over: Partial<SandboxOptions> = {}, environment: 'development' | 'production' = 'development', prod = new RuntimeSchema()): Harness {
  const h: Harness = {
    events: [], pushes: [], clock: 0, options: { ...DEFAULT_OPTIONS, ...over },
    server: undefined as unknown as CloudKitServer,
    send(req, device = 'A', user = 'user1') {
      return h.server.handle(req, { device, user, requestId: `R${h.events.length}` });
    },
    save(saves, policy = 'changedKeys', extra = {}) {
      const full: RecordSave[] = saves.map((s) => ({ recordName: 'r1', recordType: 'CD_Item', fields: {}, changeTag: null, types: {}, ...s }));
      const res = h.send({ op: 'modifyRecords', database: 'private', zone: ZONE, saves: full, deletes: (extra.deletes ?? []).map((n) => ({ recordName: n, recordType: 'CD_Item' })),
        savePolicy: policy, atomic: extra.atomic ?? true, assets: new Map() }, extra.device);
      assert.equal(res.op, 'modifyRecords');
      return res as Extract<ServerResponse, { op: 'modifyRecords' }>;
    },
  };
  (h as { server: CloudKitServer }).server = new CloudKitServer(environment, new RuntimeSchema(), prod, {
    emit: (body, device) => { h.events.push({ body, device }); },
    now: () => h.clock,
    options: () => h.options,
    notify: (_env, _db, originator) => { h.pushes.push({ originator }); },
  });
  const zones = h.send({ op: 'modifyRecordZones', database: 'private', saveZones: [ZONE], deleteZones: [] });
  assert.equal(zones.error, null);
  return h;
}

const codeOf = (e: CKErrorInfo | null | undefined): number | null => e?.code ?? null;
/** The parts of a CKError a client sees, for exact comparison (absent parts stay absent). */
interface ErrorFields { code: number; internalCode?: number; message?: string; serverMessage?: string; retryAfterSeconds?: number }
const fieldsOf = (e: ErrorFields | null | undefined): ErrorFields | null => e ? { code: e.code, internalCode: e.internalCode, message: e.message, serverMessage: e.serverMessage, retryAfterSeconds: e.retryAfterSeconds } : null;
/** How the sandbox marks a text it wrote itself where CloudKit's own is not known (src/core/sandbox/errors.ts). */
const ours = (text: string): string => `${text} [sandbox wording: CloudKit's text not known]`;
function assertError(actual: CKErrorInfo | null | undefined, expected: ErrorFields): void {
  assert.deepEqual(fieldsOf(actual), fieldsOf(expected));
}
const itemCode = (res: Extract<ServerResponse, { op: 'modifyRecords' }>, name = 'r1'): number | null => codeOf(res.result?.itemErrors.get(name));
const tagOf = (res: Extract<ServerResponse, { op: 'modifyRecords' }>, name = 'r1'): string => {
  const s = res.result?.saved.find((x) => x.recordName === name);
  assert.ok(s, `${name} saved`);
  return s.changeTag;
};
function fetchAll(h: Harness, token: number | null = null, limit = 400): Extract<ServerResponse, { op: 'fetchRecordZoneChanges' }> {
  const res = h.send({ op: 'fetchRecordZoneChanges', database: 'private', zone: ZONE, token, limit });
  assert.equal(res.op, 'fetchRecordZoneChanges');
  return res as Extract<ServerResponse, { op: 'fetchRecordZoneChanges' }>;
}

describe('sandbox server (request by request)', () => {
  describe('ifServerRecordUnchanged: the change tag decides', () => {
    it('accepts the current tag, then refuses the now stale one with serverRecordChanged and the server record', () => {
      const h = harness();
      const t1 = tagOf(h.save([{ fields: { CD_title: 'a' } }], 'ifServerRecordUnchanged'));
      const ok = h.save([{ fields: { CD_title: 'b' }, changeTag: t1 }], 'ifServerRecordUnchanged');
      assert.equal(ok.error, null);
      const t2 = tagOf(ok);
      assert.notEqual(t2, t1, 'a save gives the record a new change tag');
      const stale = h.save([{ fields: { CD_title: 'c' }, changeTag: t1 }], 'ifServerRecordUnchanged');
      assert.equal(codeOf(stale.error), 2, 'partialFailure');
      assert.equal(itemCode(stale), 14);
      assert.equal(stale.result?.itemErrors.get('r1')?.serverMessage, 'client oplock error updating record');
      assert.equal(stale.result?.serverRecords.get('r1')?.changeTag, t2);
      assert.equal(stale.result?.serverRecords.get('r1')?.fields.CD_title, 'b');
      assert.deepEqual(stale.result?.saved, []);
      assert.equal(fetchAll(h).modified[0].fields.CD_title, 'b', 'the stale save changed nothing');
    });

    it('an insert (no tag) over an existing record is refused; a tag for a missing record is unknownItem', () => {
      const h = harness();
      h.save([{ fields: { CD_title: 'a' } }], 'ifServerRecordUnchanged');
      const again = h.save([{ fields: { CD_title: 'z' } }], 'ifServerRecordUnchanged');
      assert.equal(itemCode(again), 14);
      assert.equal(again.result?.itemErrors.get('r1')?.serverMessage, 'record to insert already exists');
      const missing = h.save([{ recordName: 'r2', changeTag: 'zz' }], 'ifServerRecordUnchanged');
      assert.equal(itemCode(missing, 'r2'), 11);
    });

    it('keeps the server keys the save does not send', () => {
      const h = harness();
      const t1 = tagOf(h.save([{ fields: { CD_title: 'a', CD_quantity: 2 } }], 'ifServerRecordUnchanged'));
      h.save([{ fields: { CD_title: 'b' }, changeTag: t1 }], 'ifServerRecordUnchanged');
      assert.deepEqual(fetchAll(h).modified[0].fields, { CD_title: 'b', CD_quantity: 2 });
    });
  });

  describe('changedKeys and allKeys', () => {
    it('changedKeys merges into the server record whatever its tag; allKeys replaces the fields', () => {
      const h = harness();
      h.save([{ fields: { CD_title: 'a', CD_quantity: 2 } }]);
      const merged = h.save([{ fields: { CD_title: 'b' }, changeTag: 'stale' }], 'changedKeys');
      assert.equal(merged.error, null);
      assert.deepEqual(fetchAll(h).modified[0].fields, { CD_title: 'b', CD_quantity: 2 });
      h.save([{ fields: { CD_title: 'c' }, changeTag: 'stale' }], 'allKeys');
      assert.deepEqual(fetchAll(h).modified[0].fields, { CD_title: 'c' });
    });

    it('an edit (with a tag) of a deleted record is unknownItem under either policy: the policy acts on the device (issue 17 D4)', () => {
      const h = harness({ deleteVsEdit: 'deleteWins' });
      const t = tagOf(h.save([{ fields: { CD_title: 'a' } }]));
      h.save([], 'changedKeys', { deletes: ['r1'] });
      assert.equal(itemCode(h.save([{ fields: { CD_title: 'b' }, changeTag: t }])), 11);
      h.options = { ...h.options, deleteVsEdit: 'editResurrects' };
      assert.equal(itemCode(h.save([{ fields: { CD_title: 'b' }, changeTag: t }])), 11);
      // A new record (no tag) is never refused by deleteWins.
      h.options = { ...h.options, deleteVsEdit: 'deleteWins' };
      h.save([{ recordName: 'r3' }], 'changedKeys', { deletes: [] });
      h.save([], 'changedKeys', { deletes: ['r3'] });
      assert.equal(h.save([{ recordName: 'r3' }]).error, null);
    });
  });

  describe('batches, sizes and quota', () => {
    it('an atomic batch with one bad item fails whole: the others get batchRequestFailed 22 and nothing is written', () => {
      const h = harness();
      h.save([{ recordName: 'x', fields: { CD_title: 'a' } }]);
      const res = h.save([{ recordName: 'x', changeTag: null }, { recordName: 'y' }], 'ifServerRecordUnchanged', { atomic: true });
      assert.equal(codeOf(res.error), 2);
      assert.deepEqual(res.error?.partialErrors?.map((p) => [p.itemId.split(':')[0], p.error.code]), [['x', 14], ['y', 22]]);
      assert.equal(itemCode(res, 'y'), 22);
      assert.deepEqual(res.result?.saved, []);
      assert.deepEqual(fetchAll(h).modified.map((r) => r.recordName), ['x']);
    });

    it('a non-atomic batch writes the good items and reports only the bad one', () => {
      const h = harness();
      h.save([{ recordName: 'x' }]);
      const res = h.save([{ recordName: 'x', changeTag: null }, { recordName: 'y' }], 'ifServerRecordUnchanged', { atomic: false });
      assert.equal(codeOf(res.error), 2);
      assert.deepEqual(res.error?.partialErrors?.map((p) => p.error.code), [14]);
      assert.deepEqual(res.result?.saved.map((s) => s.recordName), ['y']);
      assert.equal(itemCode(res, 'y'), null);
    });

    it('a record over 1 MB is limitExceeded 27; a small one is saved', () => {
      const h = harness();
      const big = (n: number): string => 'a'.repeat(n);
      const over = h.save([{ fields: { CD_body: big(1024 * 1024 + 1) } }]);
      assert.equal(itemCode(over), 27);
      const sized = h.save([{ recordName: 'r2', fields: { CD_body: big(1000) } }]);
      assert.equal(sized.error, null);
    });

    it('more than 400 items in one request is refused whole; 400 pass', () => {
      const h = harness();
      const many = (n: number): Partial<RecordSave>[] => Array.from({ length: n }, (_, i) => ({ recordName: `r${i}` }));
      const res = h.save(many(401));
      assert.equal(codeOf(res.error), 27);
      assert.equal(res.result, null);
      assert.equal(h.save(many(400)).error, null);
    });

    it('a request over 2 MB is refused whole', () => {
      const h = harness();
      const saves = Array.from({ length: 3 }, (_, i) => ({ recordName: `r${i}`, fields: { CD_body: 'b'.repeat(800_000) } }));
      const res = h.save(saves);
      assert.equal(codeOf(res.error), 27);
      assert.match(res.error?.serverMessage ?? '', /exceeds the limit of 2097152 bytes/);
    });

    it('quota: a save that would pass the user\'s quota fails every planned item with 25 and retry-after 315 s', () => {
      const h = harness({ quotaBytes: 100 });
      assert.equal(h.save([{ recordName: 'small', fields: { CD_t: 'x'.repeat(10) } }]).error, null);
      const res = h.save([{ recordName: 'a', fields: { CD_t: 'x'.repeat(60) } }, { recordName: 'b', fields: { CD_t: 'x'.repeat(60) } }], 'changedKeys', { atomic: false });
      assert.deepEqual([itemCode(res, 'a'), itemCode(res, 'b')], [25, 25]);
      assert.equal(res.result?.itemErrors.get('a')?.retryAfterSeconds, 315);
      assert.deepEqual(res.result?.saved, []);
      // Shrinking a record is allowed even above the quota.
      h.options = { ...h.options, quotaBytes: 1 };
      assert.equal(h.save([{ recordName: 'small', fields: { CD_t: 'x' } }], 'allKeys').error, null);
    });
  });

  describe('schema', () => {
    it('development creates types and fields just in time (one schemaChanged event); production refuses them', () => {
      const h = harness();
      h.save([{ fields: { CD_title: 'a' }, types: { CD_title: { kind: 'primitive', base: 'STRING', encrypted: false } } }]);
      const changed = h.events.filter((e) => e.body.kind === 'server.schemaChanged').map((e) => e.body);
      assert.deepEqual(changed, [{ kind: 'server.schemaChanged', environment: 'development', addedTypes: ['CD_Item'], addedFields: ['CD_Item.CD_title'] }]);
      // The same field again adds nothing.
      h.save([{ recordName: 'r2', fields: { CD_title: 'b' } }]);
      assert.equal(h.events.filter((e) => e.body.kind === 'server.schemaChanged').length, 1);
      // Another type for the field is refused.
      const mismatch = h.save([{ recordName: 'r3', fields: { CD_title: 3 }, types: { CD_title: { kind: 'primitive', base: 'INT64', encrypted: false } } }]);
      assert.equal(itemCode(mismatch, 'r3'), 12);

      const p = harness({}, 'production');
      assert.match(p.save([{ fields: {} }]).result?.itemErrors.get('r1')?.serverMessage ?? '', /^Cannot create new type CD_Item in production schema$/);
    });

    it('production accepts the deployed fields and refuses a new one', () => {
      const prod = new RuntimeSchema();
      prod.types.set('CD_Item', new Map([['CD_title', { kind: 'primitive', base: 'STRING', encrypted: false }]]));
      const h = harness({}, 'production', prod);
      assert.equal(h.save([{ fields: { CD_title: 'a' } }]).error, null);
      const res = h.save([{ recordName: 'r2', fields: { CD_other: 'a' } }]);
      assert.match(res.result?.itemErrors.get('r2')?.serverMessage ?? '', /^Cannot create or modify field 'CD_other' in record 'CD_Item' in production schema$/);
    });

    it('a record type holds at most 256 fields', () => {
      const h = harness();
      const fields = (from: number, n: number): Record<string, string> => Object.fromEntries(Array.from({ length: n }, (_, i) => [`CD_f${from + i}`, 'v']));
      assert.equal(h.save([{ fields: fields(0, 256) }]).error, null);
      assert.equal(itemCode(h.save([{ recordName: 'r2', fields: fields(256, 1) }]), 'r2'), 12);
      const h2 = harness();
      assert.equal(itemCode(h2.save([{ fields: fields(0, 257) }])), 12);
    });
  });

  describe('change feeds', () => {
    it('returns each changed record once, in its latest version, oldest to newest, then deletions after a token', () => {
      const h = harness();
      h.save([{ recordName: 'a', fields: { CD_v: 1 } }]);
      h.save([{ recordName: 'b', fields: { CD_v: 1 } }]);
      h.save([{ recordName: 'a', fields: { CD_v: 2 } }]);
      const first = fetchAll(h);
      assert.deepEqual(first.modified.map((r) => [r.recordName, r.fields.CD_v]), [['b', 1], ['a', 2]]);
      assert.equal(first.moreComing, false);
      h.save([], 'changedKeys', { deletes: ['b'] });
      const next = fetchAll(h, first.token);
      assert.deepEqual(next.modified, []);
      assert.deepEqual(next.deleted, [{ recordName: 'b', recordType: 'CD_Item' }]);
      // From scratch (no token) a deleted record is simply absent.
      assert.deepEqual(fetchAll(h).deleted, []);
      assert.deepEqual(fetchAll(h).modified.map((r) => r.recordName), ['a']);
      // Nothing new since the last token.
      const again = fetchAll(h, next.token);
      assert.deepEqual([again.modified, again.deleted, again.moreComing], [[], [], false]);
    });

    it('pages by the limit with moreComing, and the pages add up to every record once', () => {
      const h = harness();
      for (let i = 0; i < 5; i++) h.save([{ recordName: `r${i}` }]);
      const seen: string[] = [];
      let token: number | null = null;
      const flags: boolean[] = [];
      for (let page = 0; page < 10; page++) {
        const res = fetchAll(h, token, 2);
        seen.push(...res.modified.map((r) => r.recordName));
        flags.push(res.moreComing);
        token = res.token;
        if (!res.moreComing) break;
      }
      assert.deepEqual(seen, ['r0', 'r1', 'r2', 'r3', 'r4']);
      assert.deepEqual(flags, [true, true, false]);
    });

    it('database changes list the changed zones after a token, and deleted zones', () => {
      const h = harness();
      const db0 = h.send({ op: 'fetchDatabaseChanges', database: 'private', token: null });
      assert.ok(db0.op === 'fetchDatabaseChanges');
      assert.deepEqual(db0.changedZones, [ZONE]);
      const quiet = h.send({ op: 'fetchDatabaseChanges', database: 'private', token: db0.token });
      assert.ok(quiet.op === 'fetchDatabaseChanges');
      assert.deepEqual(quiet.changedZones, []);
      h.save([{}]);
      const changed = h.send({ op: 'fetchDatabaseChanges', database: 'private', token: db0.token });
      assert.ok(changed.op === 'fetchDatabaseChanges');
      assert.deepEqual(changed.changedZones, [ZONE]);
      h.send({ op: 'modifyRecordZones', database: 'private', saveZones: [], deleteZones: [ZONE] });
      const deleted = h.send({ op: 'fetchDatabaseChanges', database: 'private', token: changed.token });
      assert.ok(deleted.op === 'fetchDatabaseChanges');
      assert.deepEqual(deleted.deletedZones, [{ zone: ZONE, purged: false }]);
      assert.equal(codeOf(h.save([{}]).error), 26, 'a write to the deleted zone: zoneNotFound');
      assert.equal(codeOf(fetchAll(h).error), 26);
    });

    it('expired tokens: tokens issued before expireTokens get changeTokenExpired 21, new ones work', () => {
      const h = harness();
      h.save([{}]);
      const old = fetchAll(h);
      const oldDb = h.send({ op: 'fetchDatabaseChanges', database: 'private', token: null });
      h.server.expireTokens('user1');
      assert.equal(codeOf(fetchAll(h, old.token).error), 21);
      assert.ok(oldDb.op === 'fetchDatabaseChanges');
      assert.equal(codeOf(h.send({ op: 'fetchDatabaseChanges', database: 'private', token: oldDb.token }).error), 21);
      const fresh = fetchAll(h);
      assert.equal(fresh.error, null);
      assert.equal(fetchAll(h, fresh.token).error, null);
    });

    it('tombstones older than the retention expire the tokens that would need them', () => {
      const h = harness({ tombstoneRetentionMs: 1_000 });
      h.save([{}]);
      const t = fetchAll(h).token;
      h.save([], 'changedKeys', { deletes: ['r1'] });
      h.clock = 500;
      assert.equal(fetchAll(h, t).error, null, 'within the retention');
      h.clock = 5_000;
      assert.equal(codeOf(fetchAll(h, t).error), 21);
    });
  });

  describe('admission', () => {
    it('no account: private database refused with notAuthenticated 9; public reads allowed, public writes refused', () => {
      const h = harness();
      assert.equal(codeOf(h.send({ op: 'fetchDatabaseChanges', database: 'private', token: null }, 'A', null).error), 9);
      assert.equal(h.send({ op: 'queryRecords', database: 'public', recordType: 'CD_Item', modifiedAfter: null, limit: 10 }, 'A', null).error?.code, 11);
      assert.equal(codeOf(h.send({ op: 'modifyRecords', database: 'public', zone: '_defaultZone', saves: [], deletes: [], savePolicy: 'changedKeys', atomic: false, assets: new Map() }, 'A', null).error), 9);
      assert.equal(codeOf(h.send({ op: 'fetchDatabaseChanges', database: 'public', token: null }).error), 24);
      assert.equal(codeOf(h.send({ op: 'modifyRecordZones', database: 'public', saveZones: ['z'], deleteZones: [] }).error), 24);
    });

    it('throttles above serverRequestsPerSecond with requestRateLimited 6 and the retry-after, per virtual second', () => {
      const h = harness({ serverRequestsPerSecond: 2, throttleRetryAfterSeconds: 17 });
      h.clock = 10_000;
      const codes = Array.from({ length: 3 }, () => codeOf(fetchAll(h).error));
      assert.deepEqual(codes, [null, null, 6]);
      assert.equal(fetchAll(h).error?.retryAfterSeconds, 17);
      h.clock = 11_000;
      assert.equal(fetchAll(h).error, null, 'a new second');
    });

    it('fault rules: whole-request and per-record, times, afterMatches, a window and retry-after sequences', () => {
      const h = harness();
      h.server.rules.push({ rule: { id: 'f1', match: { op: 'fetchRecordZoneChanges' }, error: { code: 4 }, times: 2, afterMatches: 1 }, fired: 0 });
      assert.deepEqual(Array.from({ length: 4 }, () => codeOf(fetchAll(h).error)), [null, 4, 4, null]);
      h.server.rules.push({ rule: { id: 'f2', perRecord: true, match: { recordName: 'bad' }, error: { code: 12, serverMessage: 'nope' }, retryAfterSequence: [1, 5] }, fired: 0 });
      const res = h.save([{ recordName: 'bad' }, { recordName: 'good' }], 'changedKeys', { atomic: false });
      assert.equal(itemCode(res, 'bad'), 12);
      assert.equal(res.result?.itemErrors.get('bad')?.retryAfterSeconds, 1);
      assert.deepEqual(res.result?.saved.map((s) => s.recordName), ['good']);
      assert.equal(h.save([{ recordName: 'bad' }]).result?.itemErrors.get('bad')?.retryAfterSeconds, 5);
      assert.equal(h.save([{ recordName: 'bad' }]).result?.itemErrors.get('bad')?.retryAfterSeconds, 5, 'the last value repeats');
      h.server.rules.push({ rule: { id: 'f3', match: { op: 'queryRecords' }, error: { code: 3 }, fromMs: 1_000, untilMs: 2_000 }, fired: 0 });
      const q = (): number | null => codeOf(h.send({ op: 'queryRecords', database: 'public', recordType: 'CD_None', modifiedAfter: null, limit: 1 }).error);
      h.clock = 999; assert.equal(q(), 11);
      h.clock = 1_000; assert.equal(q(), 3);
      h.clock = 2_000; assert.equal(q(), 11);
      assert.deepEqual(h.events.filter((e) => e.body.kind === 'server.errorRuleFired').map((e) => e.body.kind === 'server.errorRuleFired' ? e.body.ruleId : ''),
        ['f1', 'f1', 'f2', 'f2', 'f2', 'f3']);
    });
  });

  describe('pushes and events', () => {
    it('a write that changes something notifies once after the request, with its originator; a failed one does not', () => {
      const h = harness();
      h.pushes.length = 0;
      h.save([{}], 'changedKeys', { device: 'B' });
      assert.deepEqual(h.pushes, [{ originator: 'B' }]);
      h.save([{ changeTag: null }], 'ifServerRecordUnchanged');
      assert.equal(h.pushes.length, 1);
    });

    it('emits one server.op event per request with its result', () => {
      const h = harness();
      h.events.length = 0;
      h.save([{ recordName: 'a' }, { recordName: 'b' }], 'changedKeys', { device: 'C' });
      h.save([{ recordName: 'a', changeTag: null }], 'ifServerRecordUnchanged', { device: 'C' });
      const ops = h.events.filter((e) => e.body.kind === 'server.op');
      assert.deepEqual(ops.map((e) => e.body.kind === 'server.op' ? [e.device, e.body.op, e.body.itemCount, e.body.result] : []),
        [['C', 'modifyRecords', 2, 'ok'], ['C', 'modifyRecords', 1, 'partialFailure']]);
    });
  });

  describe('console actions', () => {
    it('resetDevelopment removes the zones and records and sets the development schema to production\'s', () => {
      const prod = new RuntimeSchema();
      prod.types.set('CD_Prod', new Map());
      const h = harness({}, 'development', prod);
      h.save([{ fields: { CD_title: 'a' } }]);
      h.server.resetDevelopment();
      assert.deepEqual([...h.server.env.schema.types.keys()], ['CD_Prod']);
      assert.equal(codeOf(fetchAll(h).error), 26);
    });

    it('the zone limit counts each user\'s private database (modelling choice: docs/sandbox.md)', () => {
      const h = harness();
      const zones = (n: number, p: string): string[] => Array.from({ length: n }, (_, i) => `${p}${i}`);
      assert.equal(h.send({ op: 'modifyRecordZones', database: 'private', saveZones: zones(999, 'a'), deleteZones: [] }).error, null);
      assert.equal(codeOf(h.send({ op: 'modifyRecordZones', database: 'private', saveZones: ['one-more'], deleteZones: [] }).error), 27, 'user1: its first zone and 999 more make 1,000');
      assert.equal(h.send({ op: 'modifyRecordZones', database: 'private', saveZones: zones(1000, 'b'), deleteZones: [] }, 'B', 'user2').error, null, 'user2 has 1,000 zones of its own');
      assert.equal(codeOf(h.send({ op: 'modifyRecordZones', database: 'private', saveZones: ['one-more'], deleteZones: [] }, 'B', 'user2').error), 27);
      assert.equal(h.send({ op: 'modifyRecordZones', database: 'private', saveZones: ['a0'], deleteZones: [] }).error, null, 'an existing zone is not added again');
    });
  });
  describe('the errors, exactly as a client gets them', () => {
    it('modifyRecords: zone missing, zone purged, unknown item, too large, batch failed, type mismatch, field limit', () => {
      const h = harness();
      const other = (zone: string): ServerResponse => h.send({ op: 'modifyRecords', database: 'private', zone, saves: [], deletes: [], savePolicy: 'changedKeys', atomic: true, assets: new Map() });
      assertError(other('nope').error, { code: 26, internalCode: 2036, serverMessage: "Zone 'nope' does not exist" });
      h.send({ op: 'modifyRecordZones', database: 'private', saveZones: ['gone'], deleteZones: [] });
      h.server.deleteZone(h.server.env.privateDb('user1'), 'gone', true, null);
      assertError(other('gone').error, { code: 28, internalCode: 2042, serverMessage: 'Zone was purged by user' });
      assertError(h.send({ op: 'fetchRecordZoneChanges', database: 'private', zone: 'gone', token: null, limit: 1 }).error, { code: 28, internalCode: 2042, serverMessage: 'Zone was purged by user' });
      assert.deepEqual(fetchAll(h, null).error, null);
      const notFound = h.send({ op: 'fetchRecordZoneChanges', database: 'private', zone: 'nope', token: null, limit: 1 });
      assert.deepEqual({ ...notFound, error: null }, { op: 'fetchRecordZoneChanges', error: null, modified: [], deleted: [], token: 0, moreComing: false });
      assertError(notFound.error, { code: 26, internalCode: 2036, serverMessage: "Zone 'nope' does not exist" });

      assertError(h.save([{ recordName: 'r9', changeTag: 't' }], 'ifServerRecordUnchanged').result?.itemErrors.get('r9'), { code: 11, internalCode: 2003, serverMessage: ours('Record not found') });
      assertError(h.save([{ recordName: 'big', fields: { CD_b: 'x'.repeat(1024 * 1024 + 1) } }]).result?.itemErrors.get('big'), { code: 27, internalCode: 2023, serverMessage: 'record too large' });
      const batch = h.save([{ recordName: 'big', fields: { CD_b: 'x'.repeat(1024 * 1024 + 1) } }, { recordName: 'ok' }], 'changedKeys', { atomic: true, deletes: ['d1'] });
      assertError(batch.result?.itemErrors.get('ok'), { code: 22, message: 'Batch Request Failed' });
      assertError(batch.result?.itemErrors.get('d1'), { code: 22, message: 'Batch Request Failed' });
      assertError(batch.error, { code: 2, internalCode: 1011, message: 'Failed to modify some records' });
      assert.deepEqual([batch.result?.saved, batch.result?.deleted], [[], []]);
      assert.deepEqual(batch.error?.partialErrors?.map((p) => [p.itemId, p.error.code]),
        [[`big:(${ZONE}:__defaultOwner__)`, 27], [`ok:(${ZONE}:__defaultOwner__)`, 22], [`d1:(${ZONE}:__defaultOwner__)`, 22]]);

      const str = { kind: 'primitive', base: 'STRING', encrypted: false } as const;
      const int = { kind: 'primitive', base: 'INT64', encrypted: false } as const;
      h.save([{ recordName: 't1', fields: { CD_n: 'a' }, types: { CD_n: str } }]);
      assertError(h.save([{ recordName: 't2', fields: { CD_n: 1 }, types: { CD_n: int } }]).result?.itemErrors.get('t2'),
        { code: 12, internalCode: 2006, serverMessage: 'invalid attempt to set value type INT64 for field \'CD_n\' for type \'CD_Item\', defined to be: STRING' });
      assert.equal(h.save([{ recordName: 't3', fields: { CD_n: 'b' } }]).error, null, 'an undeclared type is not a mismatch');
      const wide = harness();
      const many = Object.fromEntries(Array.from({ length: 257 }, (_, i) => [`CD_f${i}`, 'v']));
      assertError(wide.save([{ fields: many }]).result?.itemErrors.get('r1'),
        { code: 12, internalCode: 2006, serverMessage: ours('Cannot create field \'CD_f256\': record type \'CD_Item\' would exceed 256 fields') });
    });

    it('admission: no account, public database, item and size limits, throttling, zone limit, expired tokens, unknown record type', () => {
      const h = harness({ serverRequestsPerSecond: 1, throttleRetryAfterSeconds: 30 });
      h.clock = 5_000;
      assertError(h.send({ op: 'modifyRecordZones', database: 'private', saveZones: ['z'], deleteZones: [] }, 'A', null).error, { code: 9, internalCode: 1002, message: ours('No iCloud account is configured') });
      h.clock = 6_000;
      assertError(h.send({ op: 'modifySubscriptions', database: 'private', save: ['s'] }, 'A', null).error, { code: 9, internalCode: 1002, message: ours('No iCloud account is configured') });
      h.clock = 7_000;
      assertError(h.send({ op: 'fetchRecordZoneChanges', database: 'public', zone: '_defaultZone', token: null, limit: 1 }).error, { code: 24, message: ours('Change feeds are not supported in the public database') });
      h.clock = 8_000;
      assertError(h.send({ op: 'modifyRecordZones', database: 'public', saveZones: ['z'], deleteZones: [] }).error, { code: 24, message: ours('Cannot modify zones in the public database') });
      // Throttling counts requests per virtual second: 9,000 and 9,999 ms are the same second.
      h.clock = 9_000;
      assert.equal(fetchAll(h).error, null);
      h.clock = 9_999;
      assertError(fetchAll(h).error, { code: 6, internalCode: 2022, message: 'Request failed with http status code 503', retryAfterSeconds: 30 });

      const l = harness();
      const saves = (n: number): RecordSave[] => Array.from({ length: n }, (_, i) => ({ recordName: `r${i}`, recordType: 'CD_Item', fields: {}, changeTag: null, types: {} }));
      const deletes = (n: number) => Array.from({ length: n }, (_, i) => ({ recordName: `d${i}`, recordType: 'CD_Item' }));
      const mixed = l.send({ op: 'modifyRecords', database: 'private', zone: ZONE, saves: saves(200), deletes: deletes(201), savePolicy: 'changedKeys', atomic: false, assets: new Map() });
      assertError(mixed.error, { code: 27, internalCode: 1020, serverMessage: 'Your request contains 401 items which is more than the maximum number of items in a single request (400)' });
      // Exactly 2 MB passes; one byte more is refused.
      const twoMb = 2 * 1024 * 1024;
      const sized = (n: number): RecordSave[] => [
        { recordName: 'a', recordType: 'CD_Item', fields: { CD_b: 'x'.repeat(1024 * 1024) }, changeTag: null, types: {} },
        { recordName: 'b', recordType: 'CD_Item', fields: { CD_b: 'x'.repeat(n - 1024 * 1024) }, changeTag: null, types: {} },
      ];
      const send = (n: number) => l.send({ op: 'modifyRecords', database: 'private', zone: ZONE, saves: sized(n), deletes: [], savePolicy: 'changedKeys', atomic: false, assets: new Map() });
      assert.equal(send(twoMb).error, null);
      assertError(send(twoMb + 1).error, { code: 27, internalCode: 1020, serverMessage: ours(`Request size ${twoMb + 1} bytes exceeds the limit of ${twoMb} bytes`) });

      const z = harness();
      const many = Array.from({ length: 1000 }, (_, i) => `z${i}`);
      assertError(z.send({ op: 'modifyRecordZones', database: 'private', saveZones: many, deleteZones: [] }).error, { code: 27, serverMessage: ours('Zone limit of 1000 exceeded') });

      assertError(z.send({ op: 'queryRecords', database: 'public', recordType: 'CD_Nope', modifiedAfter: null, limit: 5 }).error, { code: 11, serverMessage: 'Did not find record type: CD_Nope' });
      z.server.expireTokens(null);
      assert.deepEqual(z.events.at(-1)?.body, { kind: 'server.tokensExpired', user: null });
    });
  });

  describe('more exact behaviour', () => {
    const publicSave = (h: Harness, name: string, fields: Record<string, string>, device = 'A'): ServerResponse =>
      h.send({ op: 'modifyRecords', database: 'public', zone: '_defaultZone', saves: [{ recordName: name, recordType: 'CD_Post', fields, changeTag: null, types: {} }],
        deletes: [], savePolicy: 'allKeys', atomic: false, assets: new Map() }, device);

    it('the public database: saves, a query by modification time with paging, deletions leave no tombstone', () => {
      const h = harness();
      h.clock = 100; assert.equal(publicSave(h, 'p1', { CD_t: 'one' }).error, null);
      h.clock = 200; publicSave(h, 'p2', { CD_t: 'two' });
      h.clock = 300; publicSave(h, 'p3', { CD_t: 'three' });
      assert.equal(h.server.env.privateDb('user1').zones.get(ZONE)?.records.size, 0, 'nothing went to the private database');
      const q = (after: number | null, limit: number) => {
        const r = h.send({ op: 'queryRecords', database: 'public', recordType: 'CD_Post', modifiedAfter: after, limit });
        assert.ok(r.op === 'queryRecords');
        return r;
      };
      const page1 = q(null, 2);
      assert.deepEqual([page1.records.map((r) => r.recordName), page1.moreComing], [['p1', 'p2'], true]);
      const page2 = q(200, 2);
      assert.deepEqual([page2.records.map((r) => r.recordName), page2.moreComing], [['p3'], false]);
      h.send({ op: 'modifyRecords', database: 'public', zone: '_defaultZone', saves: [], deletes: [{ recordName: 'p1', recordType: 'CD_Post' }], savePolicy: 'allKeys', atomic: false, assets: new Map() });
      assert.equal(h.server.env.publicDb.zones.get('_defaultZone')?.tombstones.size, 0);
      assert.deepEqual(q(null, 10).records.map((r) => r.recordName), ['p2', 'p3']);
    });

    it('change feeds: boundaries of tokens, deleted zones and tombstone retention', () => {
      const h = harness();
      h.send({ op: 'modifyRecordZones', database: 'private', saveZones: ['z2'], deleteZones: [] });
      const before = h.send({ op: 'fetchDatabaseChanges', database: 'private', token: null });
      assert.ok(before.op === 'fetchDatabaseChanges');
      h.send({ op: 'modifyRecordZones', database: 'private', saveZones: [], deleteZones: ['z2'] });
      const fromScratch = h.send({ op: 'fetchDatabaseChanges', database: 'private', token: null });
      assert.ok(fromScratch.op === 'fetchDatabaseChanges');
      assert.deepEqual([fromScratch.changedZones, fromScratch.deletedZones], [[ZONE], []], 'a nil token reports no deletions');
      const after = h.send({ op: 'fetchDatabaseChanges', database: 'private', token: before.token });
      assert.ok(after.op === 'fetchDatabaseChanges');
      assert.deepEqual([after.changedZones, after.deletedZones], [[], [{ zone: 'z2', purged: false }]]);
      const again = h.send({ op: 'fetchDatabaseChanges', database: 'private', token: after.token });
      assert.ok(again.op === 'fetchDatabaseChanges');
      assert.deepEqual(again.deletedZones, [], 'a deletion is reported once');
      // A token handed out after expireTokens is at the new bound and stays valid.
      h.server.expireTokens('user1');
      const expired = h.send({ op: 'fetchDatabaseChanges', database: 'private', token: again.token });
      assert.deepEqual({ ...expired, error: null }, { op: 'fetchDatabaseChanges', error: null, changedZones: [], deletedZones: [], token: 0 });
      assertError(expired.error, { code: 21, internalCode: 2026, serverMessage: 'client knowledge differs from server knowledge' });
      const fresh = h.send({ op: 'fetchDatabaseChanges', database: 'private', token: null });
      assert.ok(fresh.op === 'fetchDatabaseChanges');
      assert.equal(h.send({ op: 'fetchDatabaseChanges', database: 'private', token: fresh.token }).error, null);
      const freshZone = fetchAll(h);
      assert.equal(fetchAll(h, freshZone.token).error, null);
      // Another user's tokens are not expired by expireTokens('user1').
      const u2 = h.send({ op: 'fetchDatabaseChanges', database: 'private', token: null }, 'B', 'user2');
      assert.ok(u2.op === 'fetchDatabaseChanges');
      h.server.expireTokens('user1');
      assert.equal(h.send({ op: 'fetchDatabaseChanges', database: 'private', token: u2.token }, 'B', 'user2').error, null);

      // No retention: tombstones are kept for ever, old tokens stay valid.
      const k = harness({ tombstoneRetentionMs: null });
      k.save([{}]);
      const t = fetchAll(k).token;
      k.save([], 'changedKeys', { deletes: ['r1'] });
      k.clock = 1e12;
      assert.deepEqual(fetchAll(k, t).deleted.map((d) => d.recordName), ['r1']);
      // A tombstone exactly at the retention horizon is kept.
      const r = harness({ tombstoneRetentionMs: 1_000 });
      r.save([{}]);
      const t2 = fetchAll(r).token;
      r.clock = 10;
      r.save([], 'changedKeys', { deletes: ['r1'] });
      r.clock = 1_010;
      assert.equal(fetchAll(r, t2).error, null);
      r.clock = 1_011;
      assert.equal(codeOf(fetchAll(r, t2).error), 21);
    });

    it('paging counts deletions too, and skips superseded log entries so moreComing is exact', () => {
      const h = harness();
      for (const n of ['a', 'b', 'c']) h.save([{ recordName: n }]);
      const t = fetchAll(h).token;
      h.save([], 'changedKeys', { deletes: ['a', 'b'] });
      h.save([{ recordName: 'c', fields: { CD_v: 2 } }]);
      h.save([{ recordName: 'c', fields: { CD_v: 3 } }]);
      const p1 = fetchAll(h, t, 2);
      assert.deepEqual([p1.modified.map((r) => r.recordName), p1.deleted.map((d) => d.recordName), p1.moreComing], [[], ['a', 'b'], true]);
      const p2 = fetchAll(h, p1.token, 2);
      assert.deepEqual([p2.modified.map((r) => [r.recordName, r.fields.CD_v]), p2.deleted, p2.moreComing], [[['c', 3]], [], false]);
      const p3 = fetchAll(h, p2.token, 2);
      assert.deepEqual([p3.modified, p3.deleted, p3.moreComing], [[], [], false]);
    });

    it('records keep their creation time, sizes add up for the quota, and a changedKeys tag for a record never seen creates it', () => {
      const h = harness({ quotaBytes: 30 });
      h.clock = 5;
      h.save([{ fields: { CD_t: 'x'.repeat(10) } }]);
      h.clock = 9;
      h.save([{ fields: { CD_t: 'y'.repeat(20) } }]);
      const rec = fetchAll(h).modified[0];
      assert.deepEqual([rec.createdT, rec.modifiedT, rec.size], [5, 9, 20]);
      const db = h.server.env.privateDb('user1');
      assert.equal(db.usedBytes, 20);
      // Exactly at the quota is allowed; one byte more is not.
      assert.equal(h.save([{ recordName: 'r2', fields: { CD_t: 'z'.repeat(10) } }]).error, null);
      assert.equal(db.usedBytes, 30);
      assert.equal(itemCode(h.save([{ recordName: 'r3', fields: { CD_t: 'z' } }]), 'r3'), 25);
      h.save([], 'changedKeys', { deletes: ['r2'] });
      assert.equal(db.usedBytes, 20);
      h.server.deleteZone(db, ZONE, false, null);
      assert.equal(db.usedBytes, 0);
      assert.equal(h.server.deleteZone(db, ZONE, false, null), false, 'deleting it again does nothing');
      const n = harness();
      assert.equal(n.save([{ recordName: 'new', changeTag: 'from-elsewhere' }]).error, null, 'deleteWins only refuses records that were deleted');
      // The public database has no quota.
      const p = harness({ quotaBytes: 1 });
      assert.equal(publicSave(p, 'p', { CD_t: 'a long enough text' }).error, null);
    });

    it('schema: a new type saved twice in one request is added once, undeclared fields become STRING', () => {
      const h = harness();
      h.save([{ recordName: 'a', recordType: 'CD_New', fields: { CD_x: 'v' } }, { recordName: 'b', recordType: 'CD_New', fields: { CD_x: 'w', CD_y: 1 } }]);
      assert.deepEqual(h.events.filter((e) => e.body.kind === 'server.schemaChanged').map((e) => e.body),
        [{ kind: 'server.schemaChanged', environment: 'development', addedTypes: ['CD_New'], addedFields: ['CD_New.CD_x', 'CD_New.CD_y'] }]);
      assert.deepEqual(h.server.env.schema.types.get('CD_New')?.get('CD_x'), { kind: 'primitive', base: 'STRING', encrypted: false });
      const before = h.events.length;
      h.save([], 'changedKeys', { deletes: ['a'] });
      assert.equal(h.events.slice(before).filter((e) => e.body.kind === 'server.schemaChanged').length, 0, 'no schema event without a new field');
    });

    it('fault rules match on each field, and carry the error\'s own parts', () => {
      const cases: { match: Record<string, unknown>; hits: boolean }[] = [
        { match: { device: 'A' }, hits: true }, { match: { device: 'B' }, hits: false },
        { match: { user: 'user1' }, hits: true }, { match: { user: 'user2' }, hits: false },
        { match: { database: 'private' }, hits: true }, { match: { database: 'public' }, hits: false },
        { match: { zone: ZONE }, hits: true }, { match: { zone: 'other' }, hits: false },
        { match: { op: ['fetchDatabaseChanges', 'modifyRecords'] }, hits: true }, { match: { op: ['queryRecords'] }, hits: false },
        { match: { op: 'modifyRecords' }, hits: true }, { match: { op: 'queryRecords' }, hits: false },
        // A whole-request rule naming a record never matches a request.
        { match: { recordName: 'r1' }, hits: false }, { match: { recordType: 'CD_Item' }, hits: false },
      ];
      for (const c of cases) {
        const h = harness();
        h.server.rules.push({ rule: { id: 'x', match: c.match as never, error: { code: 4, internalCode: 1234, message: 'm', serverMessage: 's', retryAfterSeconds: 7 } }, fired: 0 });
        const res = h.save([{}]);
        if (c.hits) assertError(res.error, { code: 4, internalCode: 1234, message: 'm', serverMessage: 's', retryAfterSeconds: 7 });
        else assert.equal(res.error, null, JSON.stringify(c.match));
      }
      // Per record: the record type must match too; a per-record rule never fails a whole request.
      const h = harness();
      h.server.rules.push({ rule: { id: 'p', perRecord: true, match: { recordType: 'CD_Other' }, error: { code: 12 } }, fired: 0 });
      h.server.rules.push({ rule: { id: 'q', perRecord: true, match: { recordName: 'del' }, error: { code: 11 } }, fired: 0 });
      const res = h.save([{ recordName: 'r1' }, { recordName: 'o', recordType: 'CD_Other' }], 'changedKeys', { atomic: false, deletes: ['del'] });
      assertError(res.result?.itemErrors.get('o'), { code: 12 });
      assertError(res.result?.itemErrors.get('del'), { code: 11 });
      assert.deepEqual([res.result?.saved.map((s) => s.recordName), res.result?.deleted], [['r1'], ['del']]);
      assert.equal(fetchAll(h).error, null);
    });

    it('pushes go out after the request\'s server.op event; console actions notify at once', () => {
      const order: string[] = [];
      const server = new CloudKitServer('development', new RuntimeSchema(), new RuntimeSchema(), {
        emit: (body) => { order.push(body.kind); }, now: () => 0, options: () => DEFAULT_OPTIONS,
        notify: () => { order.push('push'); },
      });
      const ctx = { device: 'A', user: 'user1', requestId: 'R' };
      server.handle({ op: 'modifyRecordZones', database: 'private', saveZones: [ZONE], deleteZones: [] }, ctx);
      order.length = 0;
      server.handle({ op: 'modifyRecords', database: 'private', zone: ZONE, saves: [{ recordName: 'r', recordType: 'CD_Item', fields: {}, changeTag: null, types: {} }], deletes: [], savePolicy: 'changedKeys', atomic: false, assets: new Map() }, ctx);
      assert.deepEqual(order, ['server.schemaChanged', 'server.op', 'push']);
      order.length = 0;
      assert.equal(server.deleteZone(server.env.privateDb('user1'), ZONE, true, null), true);
      assert.deepEqual(order, ['server.zoneDeleted', 'push']);
      const res = server.handle({ op: 'fetchRecordZoneChanges', database: 'private', zone: ZONE, token: null, limit: 1 }, ctx);
      assert.equal(res.error?.code, 28);
      assert.deepEqual(order.slice(-1), ['server.op']);
    });

    it('server.op events describe each request: items, bytes, zone, result', () => {
      const h = harness();
      h.events.length = 0;
      h.send({ op: 'modifyRecordZones', database: 'private', saveZones: ['z1', 'z2'], deleteZones: ['z3'] });
      h.send({ op: 'modifySubscriptions', database: 'private', save: ['s1', 's2'] });
      h.save([{ recordName: 'a', fields: { CD_t: 'abc' } }, { recordName: 'b', fields: { CD_n: 1 } }], 'changedKeys', { deletes: ['c'] });
      fetchAll(h);
      h.send({ op: 'fetchDatabaseChanges', database: 'private', token: null });
      h.send({ op: 'modifyRecords', database: 'private', zone: 'missing', saves: [], deletes: [], savePolicy: 'changedKeys', atomic: true, assets: new Map() });
      const ops = h.events.flatMap((e) => e.body.kind === 'server.op' ? [[e.body.op, e.body.itemCount, e.body.bytes, e.body.zone, e.body.result]] : []);
      assert.deepEqual(ops, [
        ['modifyRecordZones', 3, 0, 'z1', 'ok'], ['modifySubscriptions', 2, 0, null, 'ok'], ['modifyRecords', 3, 11, ZONE, 'ok'],
        ['fetchRecordZoneChanges', 0, 0, ZONE, 'ok'], ['fetchDatabaseChanges', 0, 0, null, 'ok'], ['modifyRecords', 0, 0, 'missing', 'error'],
      ]);
      h.events.length = 0;
      h.send({ op: 'modifyRecordZones', database: 'private', saveZones: [], deleteZones: ['z2'] });
      assert.deepEqual(h.events.flatMap((e) => e.body.kind === 'server.op' ? [e.body.zone] : []), ['z2']);
      assert.deepEqual(h.events.filter((e) => e.body.kind === 'server.zoneDeleted').map((e) => e.body), [{ kind: 'server.zoneDeleted', user: 'user1', zone: 'z2', purged: false }]);
    });

    it('a refused request answers the empty shape of its operation', () => {
      const h = harness();
      h.server.rules.push({ rule: { id: 'all', match: {}, error: { code: 4 } }, fired: 0 });
      const strip = (r: ServerResponse): unknown => ({ ...r, error: r.error?.code });
      assert.deepEqual(strip(h.send({ op: 'fetchDatabaseChanges', database: 'private', token: null })), { op: 'fetchDatabaseChanges', error: 4, changedZones: [], deletedZones: [], token: 0 });
      assert.deepEqual(strip(fetchAll(h)), { op: 'fetchRecordZoneChanges', error: 4, modified: [], deleted: [], token: 0, moreComing: false });
      assert.deepEqual(strip(h.send({ op: 'queryRecords', database: 'public', recordType: 'CD_Item', modifiedAfter: null, limit: 1 })), { op: 'queryRecords', error: 4, records: [], moreComing: false });
      assert.deepEqual(strip(h.send({ op: 'modifySubscriptions', database: 'private', save: [] })), { op: 'modifySubscriptions', error: 4 });
      assert.deepEqual(strip(h.send({ op: 'modifyRecordZones', database: 'private', saveZones: [], deleteZones: [] })), { op: 'modifyRecordZones', error: 4 });
      assert.deepEqual(strip(h.save([{}])), { op: 'modifyRecords', error: 4, result: null });
    });
  });
});
