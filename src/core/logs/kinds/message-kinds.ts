import { corpus, t63, type ErrorKind } from './error-kind';

/** Kinds recognised from a message without a CKError or NSError code (see ../message-patterns.ts). */
const pattern = (id: string) => (e: { facts?: Readonly<Record<string, string>> }) => e.facts?.pattern === id;

export const MESSAGE_KINDS: readonly ErrorKind[] = [
  {
    id: 'missing-entitlement', title: 'App not signed with the iCloud entitlement', classification: 'needs-action',
    matches: pattern('entitlement'),
    meaning: 'The process is not signed with the iCloud/CloudKit entitlements (an ad-hoc or unsigned build), so CloudKit traps during mirroring setup instead of returning an error.',
    action: 'Sign with a provisioning profile that includes the iCloud container, or use cloudKitDatabase: .none (SwiftData) / no cloudKitContainerOptions for local-only builds and tests.',
    sources: [corpus('004-eczema-missing-icloud-entitlement.log')],
  },
  {
    id: 'store-torn-down', title: 'Mirroring stopped: store removed', classification: 'benign',
    matches: pattern('teardown'),
    meaning: 'The mirroring delegate stopped because the store was removed or replaced (restore from backup, migratePersistentStore, destroyPersistentStore).',
    action: 'None if intended; sync resumes only when the store is added to an NSPersistentCloudKitContainer again.',
    sources: [corpus('034-cdmovedemo1-tear-down-store-removed.log')],
  },
  {
    id: 'metadata-migration-skipped', title: 'Metadata migration skipped (benign)', classification: 'benign',
    matches: pattern('skipping-migration'),
    meaning: 'Core Data\'s CloudKit metadata tables already have the column.', action: 'None.',
    sources: [corpus('035-fatbobman-benign-noise-fragments.log')],
  },
  {
    id: 'exporter-caught-up', title: 'Remote change notification ignored (benign)', classification: 'benign',
    matches: pattern('exporter-caught-up'),
    meaning: 'The exporter already exported the transaction this notification is about.', action: 'None.',
    sources: [corpus('035-fatbobman-benign-noise-fragments.log')],
  },
  {
    id: 'dasd-group-policy', title: 'Activity waits for the previous one (dasd Activity Group Policy)', classification: 'benign',
    matches: (e) => e.facts?.pattern === 'dasd-must-not-proceed' && /Group Policy/.test(e.facts.policy ?? ''),
    meaning: 'dasd lets one mirroring activity of the store run at a time; this clears as soon as the preceding activity finishes.',
    action: 'None.', sources: [t63('Confirm that the export can proceed'), t63('Understand system throttles'), corpus('018-tn3163-dasd-throttles.log')],
  },
  {
    id: 'dasd-throttled', title: 'Activity throttled by the system (dasd)', classification: 'transient',
    matches: pattern('dasd-must-not-proceed'),
    meaning: 'dasd does not let the mirroring activity run now (ActivityRateLimitPolicy: the app scheduled too many activities, which can last hours; or battery, thermal, network policies).',
    action: 'Wait; avoid bursts of saves (batch or lazily import large data).',
    sources: [t63('Understand system throttles'), corpus('018-tn3163-dasd-throttles.log')],
  },
];
