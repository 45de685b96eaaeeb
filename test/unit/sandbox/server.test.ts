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

    it('deleteWins: an edit (with a tag) of a deleted record is unknownItem; editResurrects recreates it', () => {
      const h = harness({ deleteVsEdit: 'deleteWins' });
      const t = tagOf(h.save([{ fields: { CD_title: 'a' } }]));
      h.save([], 'changedKeys', { deletes: ['r1'] });
      assert.equal(itemCode(h.save([{ fields: { CD_title: 'b' }, changeTag: t }])), 11);
      h.options = { ...h.options, deleteVsEdit: 'editResurrects' };
      const res = h.save([{ fields: { CD_title: 'b' }, changeTag: t }]);
      assert.equal(res.error, null);
      assert.equal(fetchAll(h).modified.length, 1);
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

    it('the zone limit counts the container\'s zones', () => {
      const h = harness();
      const zones = (n: number, p: string): string[] => Array.from({ length: n }, (_, i) => `${p}${i}`);
      assert.equal(h.send({ op: 'modifyRecordZones', database: 'private', saveZones: zones(999, 'a'), deleteZones: [] }).error, null);
      assert.equal(codeOf(h.send({ op: 'modifyRecordZones', database: 'private', saveZones: ['one-more'], deleteZones: [] }, 'B', 'user2').error), 27);
      assert.equal(h.send({ op: 'modifyRecordZones', database: 'private', saveZones: ['a0'], deleteZones: [] }).error, null, 'an existing zone is not added again');
    });
  });
});
