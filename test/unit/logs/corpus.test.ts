import assert from 'node:assert/strict';
import fs from 'node:fs';
import { readSyncLog } from '../../../src/core/logs/reader';
import type { Classification } from '../../../src/core/logs/types';
import { corpusPath } from '../../helpers/paths';

/**
 * Every excerpt of ../shared/corpus/logs gets the diagnosis its MANIFEST row describes. The table is our
 * reading of each row's `shows` and `expected_diagnosis` columns: the kind and classification of the
 * error that needs the most attention, the codes the decoded tree must hold, and the events expected.
 * Wording is not asserted.
 */
interface Expected {
  /** Kind of the most serious explained error; undefined = no error at all. */
  kind?: string;
  classification?: Classification;
  /** Codes (client/server, 1340xx, or the pattern id) that must appear in the errors' trees. */
  codes?: string[];
  /** Whole-log verdict: does any error need action (what `ckdev explain` exits 1 on)? */
  needsAction: boolean;
  events?: string[];
  recordType?: string;
  field?: string;
  affected?: number;
  container?: string;
  setupFailed?: boolean;
}

const EXPECTED: Record<string, Expected> = {
  '001-cubetime131-134060-validator-list.log': { kind: 'model-validation', classification: 'needs-action', codes: ['134060'], needsAction: true },
  '002-fb8995024-134060-init-public-asset.log': { kind: 'asset-auth-token', classification: 'needs-action', codes: ['134060', '2/1011', '1/1000'], needsAction: true },
  '003-visionboard-134400-no-account.log': { kind: 'no-icloud-account', classification: 'needs-action', codes: ['134400'], needsAction: true, events: ['options', 'setup', 'account', 'setup-failed', 'request-finished'], setupFailed: true, container: 'iCloud.VisionBoard' },
  '004-eczema-missing-icloud-entitlement.log': { kind: 'missing-entitlement', classification: 'needs-action', needsAction: true },
  '005-fatbobman-10-2007-invalid-bundle-id.log': { kind: 'permission-failure', classification: 'needs-action', codes: ['10/2007'], needsAction: true, container: 'iCloud.Appname' },
  '006-tn3164-10-2007-permission-failure.log': { kind: 'permission-failure', classification: 'needs-action', codes: ['10/2007'], needsAction: true },
  '007-tn3164-134410-two-instances.log': { kind: 'multiple-containers', classification: 'needs-action', codes: ['134410'], needsAction: true, events: ['reset'] },
  '008-sampleprivatedb2-5-1014-bad-container.log': { kind: 'bad-container', classification: 'needs-action', codes: ['5/1014'], needsAction: true },
  '009-evcloudkitdao27-9-1002-not-authenticated.log': { kind: 'not-authenticated', classification: 'transient', codes: ['9/1002'], needsAction: false },
  '010-openradar22086571-1-4000-signing-certificate.log': { kind: 'internal-error', classification: 'transient', codes: ['1/4000'], needsAction: false },
  '011-tn3164-134406-schema-not-deployed.log': { kind: 'production-schema', classification: 'needs-action', codes: ['134406', '2/1011', '12/2006'], needsAction: true, events: ['export-end'], recordType: '<A record type>', field: '<A record field>', affected: 45, setupFailed: true },
  '012-icecream-12-2006-field-prod.log': { kind: 'production-schema', classification: 'needs-action', codes: ['12/2006'], needsAction: true, recordType: 'Todo', field: 'order', container: 'iCloud.com.xxx.xxx' },
  '013-tablepro2226-cannot-create-new-type.log': { kind: 'production-schema', classification: 'needs-action', codes: ['12/2006'], needsAction: true, recordType: 'FavoriteTable' },
  '014-skylightbridge1-did-not-find-record-type.log': { kind: 'unknown-item', classification: 'needs-action', codes: ['11'], needsAction: true, recordType: 'SharedSyncState' },
  '015-icecream169-12-2015-not-queryable.log': { kind: 'not-queryable', classification: 'needs-action', codes: ['12/2015'], needsAction: true },
  '016-tn3162-503-and-7-2008.log': { kind: 'service-unavailable', classification: 'transient', codes: ['6/2022', '7/2008'], needsAction: false },
  '017-forum770908-rate-limited-7-2061.log': { kind: 'rate-limited', classification: 'transient', codes: ['7/2061'], needsAction: false },
  '018-tn3163-dasd-throttles.log': { kind: 'dasd-throttled', classification: 'transient', codes: ['dasd-must-not-proceed'], needsAction: false, events: ['dasd-decision'] },
  '019-seam3-22-server-rejected-2001-http500.log': { kind: 'server-rejected', classification: 'transient', codes: ['15/2001'], needsAction: false },
  '020-forum745349-quota-exceeded.log': { kind: 'quota-exceeded', classification: 'needs-action', codes: ['2/1011', '25/2035'], needsAction: true, events: ['request-aborted'], affected: 3, setupFailed: true },
  '021-tn3164-27-2023-share-record-too-large.log': { kind: 'record-too-large', classification: 'needs-action', codes: ['27/2023'], needsAction: true },
  '022-sqlitedata333-27-1020-too-many-items.log': { kind: 'too-many-items', classification: 'needs-action', codes: ['27/1020'], needsAction: true },
  '023-yapdatabase212-12-1020-400-items.log': { kind: 'too-many-items', classification: 'needs-action', codes: ['12/1020'], needsAction: true },
  '024-wwdc535-618-items-over-400.log': { kind: 'too-many-items', classification: 'needs-action', codes: ['27/1020'], needsAction: true },
  '025-synckit8-14-2004-oplock.log': { kind: 'server-record-changed', classification: 'needs-action', codes: ['14/2004'], needsAction: true },
  '026-mycloudkit4-zoneshare-record-exists.log': { kind: 'zone-share-exists', classification: 'needs-action', codes: ['14/2004'], needsAction: true },
  '027-seam3-35-21-2026-change-token-expired.log': { kind: 'change-token-expired', classification: 'transient', codes: ['21/2026'], needsAction: false, container: 'iCloud.com.xxxx.xxxxx' },
  '028-seam3-31-26-2036-zone-not-found.log': { kind: 'zone-not-found', classification: 'needs-action', codes: ['26/2036'], needsAction: true },
  '029-seam3-72-28-2042-user-deleted-zone.log': { kind: 'user-deleted-zone', classification: 'needs-action', codes: ['2/1011', '28/2042'], needsAction: true, container: 'iCloud.com.bohtech.myAppName' },
  '030-zavala74-partial-failure-alert.log': { kind: 'partial-failure', classification: 'needs-action', codes: ['2'], needsAction: true },
  '031-netnewswire5239-ckerrordomain-error-4.log': { kind: 'network', classification: 'transient', codes: ['4'], needsAction: false },
  '032-tn3163-export-lifecycle-and-134417.log': { kind: 'pending-request', classification: 'benign', codes: ['134417'], needsAction: false, events: ['export-begin', 'request-finished', 'export-end'] },
  '033-tn3163-import-lifecycle.log': { needsAction: false, events: ['import-begin', 'request-finished'] },
  '034-cdmovedemo1-tear-down-store-removed.log': { kind: 'store-torn-down', classification: 'benign', needsAction: false, events: ['teardown'] },
  '035-fatbobman-benign-noise-fragments.log': { kind: 'metadata-migration-skipped', classification: 'benign', needsAction: false },
  '036-synckit9-subscription-duplicate.log': { kind: 'subscription-duplicate', classification: 'benign', needsAction: false },
  '037-sqlitedata328-cksyncengine-batch-table.log': { needsAction: false },
};

const RANK: Record<Classification, number> = { 'needs-action': 2, transient: 1, benign: 0 };

describe('sync logs: every corpus excerpt gets its MANIFEST diagnosis', () => {
  const manifest = fs.readFileSync(corpusPath('logs', 'MANIFEST.tsv'), 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split('\t')[0]);

  it('the table covers every MANIFEST row', () => {
    assert.ok(manifest.length >= 37);
    assert.deepEqual([...manifest].sort(), Object.keys(EXPECTED).sort());
  });

  for (const [file, exp] of Object.entries(EXPECTED)) {
    it(file, () => {
      const r = readSyncLog(fs.readFileSync(corpusPath('logs', file), 'utf8'));
      const worst = [...r.errors].sort((a, b) => RANK[b.classification] - RANK[a.classification] || a.range.start.line - b.range.start.line)[0];
      if (exp.kind === undefined) assert.equal(r.errors.length, 0, `no error expected, got ${r.errors.map((e) => e.kind.id).join(', ')}`);
      else {
        assert.ok(worst, 'an error is found');
        assert.equal(worst.kind.id, exp.kind);
        assert.equal(worst.classification, exp.classification);
      }
      const codes = new Set(r.errors.flatMap((e) => e.codes));
      for (const c of exp.codes ?? []) assert.ok(codes.has(c), `code ${c} in ${[...codes].join(', ')}`);
      assert.equal(r.summary.needsAction > 0, exp.needsAction, r.summary.headline);
      const kinds = new Set(r.events.map((e) => e.kind));
      for (const k of exp.events ?? []) assert.ok(kinds.has(k as never), `event ${k} in ${[...kinds].join(', ')}`);
      if (exp.recordType !== undefined) assert.equal(worst.recordType, exp.recordType);
      if (exp.field !== undefined) assert.equal(worst.field, exp.field);
      if (exp.affected !== undefined) assert.equal(worst.affectedItems, exp.affected);
      if (exp.container !== undefined) assert.ok(r.summary.containers.includes(exp.container), `container ${exp.container} in ${r.summary.containers.join(', ')}`);
      if (exp.setupFailed !== undefined) assert.equal(r.summary.setupFailed, exp.setupFailed);
      assert.equal(r.notes.length, 0, 'nothing skipped');
    });
  }

  it('the issue\'s headline for a schema that was not deployed (011)', () => {
    const r = readSyncLog(fs.readFileSync(corpusPath('logs', '011-tn3164-134406-schema-not-deployed.log'), 'utf8'));
    assert.match(r.summary.headline, /^setup never completed: the production schema lacks <A record type>\.<A record field>; 45 items failed with it/);
  });

  it('the Xcode console\'s doubled lines are grouped in the summary (003)', () => {
    const r = readSyncLog(fs.readFileSync(corpusPath('logs', '003-visionboard-134400-no-account.log'), 'utf8'));
    assert.ok(r.errors.length >= 4);
    assert.equal(r.summary.kinds.length, 1);
    assert.equal(r.summary.kinds[0].count, r.errors.length);
  });

  it('134060 validator items are listed for the model links (001)', () => {
    const r = readSyncLog(fs.readFileSync(corpusPath('logs', '001-cubetime131-134060-validator-list.log'), 'utf8'));
    assert.deepEqual(r.errors.map((e) => e.modelItems?.length), [2, 10, 10]);
    assert.equal(r.errors[0].modelItems?.[0], 'CompSimSession: solvegroups');
  });
});
