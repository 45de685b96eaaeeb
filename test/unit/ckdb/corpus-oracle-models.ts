import type { AttributeDefinition, AttributeType, EntityDefinition, ModelDefinition, RelationshipDefinition } from '../../../src/modeldef';

/**
 * Our transcription, as Core Data models, of the SwiftData `@Model` classes of the corpus folders that pair
 * sources with a real `cktool` export of the same app (../shared/corpus/swiftdata/MANIFEST.tsv, "ORACLE").
 * Written by hand from the Swift declarations (stored properties only; computed ones and `@Transient`
 * left out), with SwiftData's type mapping (reference/swiftdata.md): String → String, Int/Int64 →
 * Integer 64, Double → Double, Decimal → Decimal, Bool → Boolean, Date → Date, Data → Binary, UUID → UUID,
 * a Codable enum or struct → Transformable (an encoded value: BYTES). SwiftData properties are optional or
 * have a default, so every attribute here is optional: optionality does not change the schema.
 * Relationships keep their inverses as declared (or inferred) in Swift.
 */

const TYPES: Readonly<Record<string, AttributeType>> = {
  String: 'String', Int: 'Integer 64', Int64: 'Integer 64', Double: 'Double', Decimal: 'Decimal', Bool: 'Boolean',
  Date: 'Date', Data: 'Binary', UUID: 'UUID', Codable: 'Transformable',
};

/** `'name:String id:UUID'` → attribute definitions (all optional). */
function attrs(spec: string): Record<string, AttributeDefinition> {
  const out: Record<string, AttributeDefinition> = {};
  for (const pair of spec.trim().split(/\s+/)) {
    const [name, swiftType] = pair.split(':');
    const type = TYPES[swiftType];
    if (!type) throw new Error(`no Core Data type for ${swiftType}`);
    out[name] = { type, optional: true };
  }
  return out;
}

const toOne = (destination: string, inverse?: string): RelationshipDefinition => ({ destination, optional: true, ...(inverse ? { inverse } : {}) });
const toMany = (destination: string, inverse?: string): RelationshipDefinition => ({ destination, optional: true, toMany: true, ...(inverse ? { inverse } : {}) });
const entity = (spec: string, relationships?: Record<string, RelationshipDefinition>): EntityDefinition => ({ attributes: attrs(spec), ...(relationships ? { relationships } : {}) });

export interface OraclePair {
  /** The corpus folder under swiftdata/. */
  readonly folder: string;
  readonly model: ModelDefinition;
  /**
   * Differences the MANIFEST explains, as `+Type.field` (in the export, not derived) or `-Type.field`
   * (derived, not in the export); everything else must match field for field.
   */
  readonly expectedDifferences: readonly string[];
  /** Whether the file is a raw cktool export (its indexes and grants are compared too). */
  readonly rawExport: boolean;
}

/** ngs/tides-swift Sources/Platform/Storage/SavedLocation.swift (04c94ec1). */
const TIDES: ModelDefinition = {
  usedWithCloudKit: true,
  entities: {
    SavedLocation: entity('name:String latitude:Double longitude:Double parametersJSON:Data fetchedAt:Date createdAt:Date sortOrder:Int'),
  },
};

/** ivan-wize/Plenty Plenty/Models/*.swift (23bb6009); Transaction's three account/income links have no inverse in Swift. */
const PLENTY: ModelDefinition = {
  usedWithCloudKit: true,
  entities: {
    Account: entity(`id:UUID name:String categoryRaw:String balance:Decimal balanceUpdatedAt:Date interestRate:Decimal minimumPayment:Decimal
      creditLimitOrOriginalBalance:Decimal statementDay:Int statementBalance:Decimal sortOrder:Int isActive:Bool isClosed:Bool closedAt:Date
      note:String isShared:Bool createdAt:Date updatedAt:Date`, { balanceHistory: toMany('AccountBalance', 'account') }),
    AccountBalance: entity('id:UUID balance:Decimal recordedAt:Date note:String', { account: toOne('Account', 'balanceHistory') }),
    IncomeSource: entity(`id:UUID name:String expectedAmount:Decimal frequencyRaw:String dayOfMonth:Int secondDayOfMonth:Int weekday:Int
      biweeklyAnchor:Date isActive:Bool rolloverEnabled:Bool createdAt:Date updatedAt:Date`),
    SavingsGoal: entity(`id:UUID name:String goalTypeRaw:String targetAmount:Decimal monthlyContribution:Decimal savedAmountLegacy:Decimal
      deadline:Date emoji:String note:String isActive:Bool isCompleted:Bool isArchived:Bool isShared:Bool createdAt:Date updatedAt:Date`,
    { contributions: toMany('Transaction', 'savingsGoal') }),
    SpendingLimit: entity('id:UUID categoryRaw:String monthlyLimit:Decimal createdAt:Date updatedAt:Date'),
    Subscription: entity(`id:UUID merchantName:String rawMerchantPattern:String typicalAmount:Decimal monthlyCost:Decimal
      totalPaidLifetime:Decimal cadenceRaw:String nextChargeDate:Date lastChargeDate:Date stateRaw:String isMarkedToCancel:Bool isShared:Bool
      createdAt:Date updatedAt:Date`),
    Transaction: entity(`id:UUID kindRaw:String name:String amount:Decimal date:Date categoryRaw:String note:String month:Int year:Int
      dueDay:Int isPaid:Bool paidAt:Date recurringRuleData:String copiedFromID:UUID expectedAmount:Decimal confirmedAmount:Decimal
      incomeStatusRaw:String dedupeKey:String receiptImageData:Data isShared:Bool createdAt:Date updatedAt:Date`, {
      sourceAccount: toOne('Account'), destinationAccount: toOne('Account'), incomeSource: toOne('IncomeSource'),
      savingsGoal: toOne('SavingsGoal', 'contributions'),
    }),
  },
};

/**
 * pizza-studio/PizzaHelperUnited (8be6c595): PZGachaEntryMO, PZGachaProfileMO, PZProfileMO. `game` and
 * `server` are Codable enums (BYTES).
 */
const PIZZA: ModelDefinition = {
  usedWithCloudKit: true,
  entities: {
    PZGachaEntryMO: entity('game:String uid:String gachaType:String itemID:String count:String time:String name:String lang:String itemType:String rankType:String id:String gachaID:String'),
    PZGachaProfileMO: entity('uid:String game:Codable gameRAW:String profileName:String'),
    PZProfileMO: entity(`uid:String uuid:UUID allowNotification:Bool cookie:String deviceFingerPrint:String name:String priority:Int
      serverRawValue:String sTokenV2:String deviceID:String lastLocalEditTimestamp:Int64 server:Codable game:Codable`),
  },
};

/**
 * iman-suherman/nucleus Sources/DatabaseKit/Models.swift (c35a7d6c): ten models; NucleusDatabase.swift syncs
 * the eight of `syncedSchema` (configuration "Synced", `.private(...)`) and keeps two in "Local" (`.none`).
 */
const NUCLEUS: ModelDefinition = {
  entities: {
    GoogleAccountRecord: entity('id:UUID email:String displayName:String avatarURL:String isPrimary:Bool isPrimaryNotesAccount:Bool authMode:String sortOrder:Int createdAt:Date'),
    ClipboardItemRecord: entity('id:UUID content:String contentType:String sourceApplication:String tagsCSV:String isPinned:Bool capturedAt:Date'),
    CalendarEventRecord: entity('id:String accountID:UUID title:String startDate:Date endDate:Date location:String attendeesCSV:String meetingLink:String accountEmail:String isBirthday:Bool'),
    ActivityNotificationRecord: entity('id:UUID title:String detail:String sourceRaw:String timestamp:Date accountEmail:String'),
    NoteRecord: entity('id:UUID title:String markdown:String folderRaw:String updatedAt:Date driveFileID:String'),
    MailMessageRecord: entity('id:String accountID:UUID threadID:String fromName:String fromEmail:String subject:String snippet:String receivedAt:Date isUnread:Bool'),
    BillRecord: entity(`id:UUID name:String amount:Double currencyCode:String categoryRaw:String recurrenceRaw:String customIntervalDays:Int
      dueDayOfMonth:Int nextDueDate:Date iconName:String notes:String isArchived:Bool createdAt:Date sortOrder:Int`),
    BillPaymentRecord: entity('id:UUID billID:UUID amount:Double paidAt:Date note:String'),
    SyncedSettingsRecord: entity('id:UUID payloadData:Data updatedAt:Date'),
    DashboardAnalysisRecord: entity('id:UUID payloadData:Data analyzedAt:Date updatedAt:Date'),
  },
  configurations: {
    Synced: {
      usedWithCloudKit: true,
      entities: ['GoogleAccountRecord', 'NoteRecord', 'SyncedSettingsRecord', 'ClipboardItemRecord', 'BillRecord', 'BillPaymentRecord', 'DashboardAnalysisRecord', 'CalendarEventRecord'],
    },
    Local: { entities: ['ActivityNotificationRecord', 'MailMessageRecord'] },
  },
};

export const ORACLE_PAIRS: readonly OraclePair[] = [
  { folder: 'ngs__tides-swift', model: TIDES, expectedDifferences: [], rawExport: true },
  { folder: 'ivan-wize__Plenty', model: PLENTY, expectedDifferences: [], rawExport: true },
  {
    folder: 'pizza-studio__PizzaHelperUnited',
    model: PIZZA,
    // MANIFEST: CD_AccountConfiguration belongs to the app's older Core Data model, not to these classes;
    // CD_profileName is missing because no non-nil value was ever saved (a just-in-time schema).
    expectedDifferences: ['+CD_AccountConfiguration', '-CD_PZGachaProfileMO.CD_profileName'],
    rawExport: true,
  },
  // Maintained by hand and imported with cktool (MANIFEST): names and types only.
  { folder: 'iman-suherman__nucleus', model: NUCLEUS, expectedDifferences: [], rawExport: false },
];
