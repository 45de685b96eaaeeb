import assert from 'node:assert/strict';
import fs from 'node:fs';
import { parseCkdb } from '../../../src/core/ckdb/parser';
import { changeKey, diffSchemas } from '../../../src/core/deploy';
import { corpusPath } from '../../helpers/paths';

/**
 * The real version series of the shared corpus (reference/ckdb.md §4), each pair classified by hand
 * and pinned here as `verdict kind RecordType.field`, in plan order (blocked, warnings, safe).
 * "prod" is the production export when the project has one (moolah-native), else the previous version.
 */
const read = (name: string) => {
  const r = parseCkdb(fs.readFileSync(corpusPath('ckdb', name), 'utf8'));
  assert.deepEqual(r.findings.filter((f) => f.severity === 'error').map((f) => f.message), [], `${name} parses`);
  return r.schema;
};

interface Pair { dev: string; prod: string; why: string; expect: string[]; renames?: [string, string][] }

const M = 'ajsutton__moolah-native__CloudKit_schema';
const PB = `${M}-prod-baseline`;
const C = 'brightdigit__CelestraCloud__schema';
const N = 'iman-suherman__nucleus__cloudkit_nucleus-development';
const P = 'ivan-wize__Plenty__Plenty_CloudKitSchema_CloudKitSchema';

const MOOLAH_V2_TYPES = ['AccountRecord', 'CSVImportProfileRecord', 'CategoryRecord', 'EarmarkBudgetItemRecord', 'EarmarkRecord',
  'ImportRuleRecord', 'InstrumentRecord', 'InvestmentValueRecord', 'ProfileRecord', 'TransactionLegRecord', 'TransactionRecord'];
const MOOLAH_V9_FIELDS = ['AccountRecord.exchangeProvider', ...[
  'importOriginIncomingBankReference', 'importOriginIncomingImportSessionId', 'importOriginIncomingImportedAt',
  'importOriginIncomingParserIdentifier', 'importOriginIncomingRawAmount', 'importOriginIncomingRawBalance',
  'importOriginIncomingRawDescription', 'importOriginIncomingSourceFilename', 'importOriginKind',
  'transferSuggestionCounterpartId', 'transferSuggestionSuggestedAt'].map((f) => `TransactionRecord.${f}`)];

const pairs: Pair[] = [
  // moolah-native: each development version against the production export in force at its date.
  { dev: `${M}__v01-27b6286a`, prod: `${PB}__v01-2bc864b1`, why: 'first Core Data schema over an empty production (Users only)',
    expect: ['CD_AccountRecord', 'CD_EarmarkBudgetItemRecord', 'CD_EarmarkRecord', 'CD_InstrumentRecord', 'CD_ProfileRecord',
      'CD_TransactionLegRecord', 'CD_TransactionRecord'].map((t) => `safe record-type-added ${t}`) },
  { dev: `${M}__v02-bfcfb7f3`, prod: `${PB}__v01-2bc864b1`, why: 'the first deploy: 11 types, and the Users export gains its ___recordID index',
    expect: [...MOOLAH_V2_TYPES.map((t) => `safe record-type-added ${t}`), 'safe index-added Users.___recordID'] },
  { dev: `${M}__v02-bfcfb7f3`, prod: `${PB}__v02-fb4ea7b4`, why: 'deployed: same schema, different order (dev not byte-sorted)', expect: [] },
  { dev: `${M}__v03-192ee89b`, prod: `${PB}__v02-fb4ea7b4`, why: 'pending: one new field', expect: ['safe field-added AccountRecord.valuationMode'] },
  { dev: `${M}__v04-7e2e25d2`, prod: `${PB}__v02-fb4ea7b4`, why: 'the pending field gains SEARCHABLE: still one new field',
    expect: ['safe field-added AccountRecord.valuationMode'] },
  { dev: `${M}__v05-ed8396be`, prod: `${PB}__v02-fb4ea7b4`, why: 'pending: five new fields',
    expect: ['AccountRecord.chainId', 'AccountRecord.valuationMode', 'AccountRecord.walletAddress', 'InstrumentRecord.pricingStatus',
      'TransactionLegRecord.externalId'].map((f) => `safe field-added ${f}`) },
  { dev: `${M}__v05-ed8396be`, prod: `${PB}__v03-d018fa59`, why: 'deployed', expect: [] },
  { dev: `${M}__v06-2b65b8d8`, prod: `${PB}__v03-d018fa59`, why: 'pending', expect: ['safe field-added TransactionLegRecord.counterpartyAddress'] },
  { dev: `${M}__v07-c513d031`, prod: `${PB}__v03-d018fa59`, why: 'pending',
    expect: ['safe field-added ProfileRecord.dataFormatVersion', 'safe field-added TransactionLegRecord.counterpartyAddress'] },
  { dev: `${M}__v07-c513d031`, prod: `${PB}__v04-74f299a1`, why: 'deployed', expect: [] },
  { dev: `${M}__v08-6bbb55b8`, prod: `${PB}__v04-74f299a1`, why: 'pending', expect: ['safe field-added AccountRecord.exchangeProvider'] },
  { dev: `${M}__v09-46d1072e`, prod: `${PB}__v04-74f299a1`, why: 'pending: import-origin fields',
    expect: MOOLAH_V9_FIELDS.map((f) => `safe field-added ${f}`) },
  { dev: `${M}__v10-e81fb965`, prod: `${PB}__v04-74f299a1`, why: 'pending: plus a new record type',
    expect: [...MOOLAH_V9_FIELDS.slice(0, 1), 'DismissedTransferPairRecord', ...MOOLAH_V9_FIELDS.slice(1)]
      .map((x) => (x.includes('.') ? `safe field-added ${x}` : `safe record-type-added ${x}`)) },
  // moolah-native v01 → v02 in development: the Core Data types (CD_X) became hand-made records (X).
  // Fine there because production was empty; had v01 been deployed, every CD_ type would block.
  { dev: `${M}__v02-bfcfb7f3`, prod: `${M}__v01-27b6286a`, why: 'the move from Core Data mirroring, had v01 been in production',
    expect: [
      ...['CD_AccountRecord', 'CD_EarmarkBudgetItemRecord', 'CD_EarmarkRecord', 'CD_InstrumentRecord', 'CD_ProfileRecord',
        'CD_TransactionLegRecord', 'CD_TransactionRecord'].map((t) => `blocked record-type-deleted ${t}`),
      ...MOOLAH_V2_TYPES.map((t) => `safe record-type-added ${t}`), 'safe index-added Users.___recordID'],
    renames: [['CD_AccountRecord', 'AccountRecord'], ['CD_InstrumentRecord', 'InstrumentRecord'], ['CD_TransactionRecord', 'TransactionRecord']] },

  // CelestraCloud: consecutive versions of a hand-written public-database schema.
  { dev: `${C}__v02-3022938f`, prod: `${C}__v01-cb3527ef`, why: 'a rewrite: renamed and dropped fields, grants reshaped',
    expect: [
      'blocked field-deleted Article.description', 'blocked field-deleted Article.feed', 'blocked field-deleted Article.link',
      'blocked field-deleted Article.pubDate', 'blocked field-deleted Feed.usageCount',
      'warning grant-changed Article', 'warning grant-removed Article', 'warning grant-changed Feed', 'warning grant-removed Feed',
      ...['contentText', 'estimatedReadingTime', 'excerpt', 'feedRecordName', 'imageURL', 'language', 'publishedDate', 'tags', 'url', 'wordCount']
        .map((f) => `safe field-added Article.${f}`),
      ...['addedAt', 'category', 'etag', 'failureCount', 'imageURL', 'isFeatured', 'isVerified', 'language', 'lastFailureReason',
        'lastModified', 'lastVerified', 'minUpdateInterval', 'qualityScore', 'siteURL', 'subscriberCount', 'tags', 'updateFrequency']
        .map((f) => `safe field-added Feed.${f}`)],
    renames: [['pubDate', 'publishedDate']] },
  { dev: `${C}__v03-d4bb9e7a`, prod: `${C}__v02-3022938f`, why: 'dates renamed *At → *Timestamp: every one a blocked deletion',
    expect: [
      'blocked field-deleted Article.expiresAt', 'blocked field-deleted Article.fetchedAt', 'blocked field-deleted Article.publishedDate',
      'blocked field-deleted Feed.addedAt', 'blocked field-deleted Feed.lastAttempted', 'blocked field-deleted Feed.lastVerified',
      'safe field-added Article.expiresTimestamp', 'safe field-added Article.fetchedTimestamp', 'safe field-added Article.publishedTimestamp',
      'safe field-added Feed.attemptedTimestamp', 'safe field-added Feed.verifiedTimestamp'],
    renames: [['expiresAt', 'expiresTimestamp'], ['fetchedAt', 'fetchedTimestamp'], ['publishedDate', 'publishedTimestamp'],
      ['lastAttempted', 'attemptedTimestamp'], ['lastVerified', 'verifiedTimestamp']] },
  // (v04 has the invalid two-role GRANT, fixed in v05: compare v05 with v03.)
  { dev: `${C}__v05-780d47ca`, prod: `${C}__v03-d4bb9e7a`, why: 'a new record type; _creator may now create',
    expect: ['warning grant-added Article', 'warning grant-added Feed', 'safe record-type-added FeedSubscription'] },
  { dev: `${C}__v06-6f94ed4a`, prod: `${C}__v05-780d47ca`, why: 'one new index', expect: ['safe index-added Feed.title'] },

  // nucleus: a Core Data development schema growing.
  { dev: `${N}__v02-af7a15cc`, prod: `${N}__v01-e5731524`, why: 'two new types; CD_entityName appears on the old ones',
    expect: ['safe record-type-added CD_BillPaymentRecord', 'safe record-type-added CD_BillRecord',
      ...['CD_ClipboardItemRecord', 'CD_GoogleAccountRecord', 'CD_NoteRecord', 'CD_SyncedSettingsRecord'].map((t) => `safe field-added ${t}.CD_entityName`)] },
  { dev: `${N}__v03-afa93f47`, prod: `${N}__v02-af7a15cc`, why: 'new type', expect: ['safe record-type-added CD_DashboardAnalysisRecord'] },
  { dev: `${N}__v04-cd850ce1`, prod: `${N}__v03-afa93f47`, why: 'new field', expect: ['safe field-added CD_BillRecord.CD_currencyCode'] },
  { dev: `${N}__v05-5f7f5f3c`, prod: `${N}__v04-cd850ce1`, why: 'new type', expect: ['safe record-type-added CD_CalendarEventRecord'] },
  { dev: `${N}__v06-c35a7d6c`, prod: `${N}__v05-5f7f5f3c`, why: 'new field', expect: ['safe field-added CD_CalendarEventRecord.CD_isBirthday'] },

  // Plenty: a SwiftData model change that drops and renames fields.
  { dev: `${P}__v02-23bb6009`, prod: `${P}__v01-74d93b60`, why: 'payday rework: dropped and renamed CD_ fields',
    expect: [
      'blocked field-deleted CD_AccountBalance.CD_createdAt', 'blocked field-deleted CD_IncomeSource.CD_anchorPaydayDate',
      'blocked field-deleted CD_IncomeSource.CD_monthlyPaydayDay', 'blocked field-deleted CD_IncomeSource.CD_semiMonthlyDays',
      'blocked field-deleted CD_SavingsGoal.CD_targetDate',
      ...['CD_biweeklyAnchor', 'CD_dayOfMonth', 'CD_rolloverEnabled', 'CD_secondDayOfMonth', 'CD_weekday'].map((f) => `safe field-added CD_IncomeSource.${f}`),
      'safe field-added CD_SavingsGoal.CD_deadline', 'safe field-added CD_SavingsGoal.CD_note',
      'safe field-added CD_Subscription.CD_monthlyCost', 'safe field-added CD_Subscription.CD_totalPaidLifetime'],
    renames: [['CD_anchorPaydayDate', 'CD_biweeklyAnchor'], ['CD_monthlyPaydayDay', 'CD_dayOfMonth'], ['CD_targetDate', 'CD_deadline']] },

  // liftmark, Codync: additive steps. WWDCScholars: the development/production pair is identical.
  { dev: 'vfilby__liftmark__mobile-apps_ios_cloudkit-schema__v02-4a9b1bce', prod: 'vfilby__liftmark__mobile-apps_ios_cloudkit-schema__v01-30aa0486',
    why: 'additive', expect: [
      'safe field-added PlannedSet.targetDistance', 'safe field-added PlannedSet.targetDistanceUnit',
      ...['actualDistance', 'actualDistanceUnit', 'isAmrap', 'side', 'targetDistance', 'targetDistanceUnit'].map((f) => `safe field-added SessionSet.${f}`),
      'safe record-type-added SetMeasurement'] },
  { dev: 'leepokai__Codync__CloudKit_schema__v02-68ff1b3d', prod: 'leepokai__Codync__CloudKit_schema__v01-1e24bd82', why: 'additive',
    expect: ['safe field-added SessionState.lastEvent'] },
  { dev: 'WWDCScholars__cloudkit-schema__schema-development', prod: 'WWDCScholars__cloudkit-schema__schema-production', why: 'nothing to deploy', expect: [] },
];

describe('core/deploy diffSchemas: corpus version series (pinned)', () => {
  for (const pair of pairs) {
    it(`${pair.dev.replace(/__.*__/, ' ')} vs ${pair.prod.replace(/__.*__/, ' ')}: ${pair.why}`, () => {
      const plan = diffSchemas(read(pair.dev + '.ckdb'), read(pair.prod + '.ckdb'));
      assert.deepEqual(plan.changes.map(changeKey), pair.expect);
      assert.equal(plan.deployable, !pair.expect.some((k) => k.startsWith('blocked')));
      for (const [from, to] of pair.renames ?? []) {
        const c = plan.changes.find((x) => x.verdict === 'blocked' && (x.field ?? x.recordType) === from);
        assert.deepEqual(c?.probableRename, { from, to }, `${from} looks renamed to ${to}`);
      }
      // Every change points somewhere in one of the two files.
      for (const c of plan.changes) assert.ok(c.devSpan || c.prodSpan, `${changeKey(c)} has a span`);
    });
  }
});
