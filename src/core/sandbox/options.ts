import type { SandboxOptions } from './api';

/** Defaults of every switch and knob; each cites its source or says it is our design choice. */
export const DEFAULT_OPTIONS: SandboxOptions = {
  exportSavePolicy: 'changedKeys', // RE OCCloudKitExporter: test_useLegacySavePolicy defaults to YES (§1.3)
  deleteVsEdit: 'deleteWins', // UNCONFIRMED (§5 #3): our choice
  conflictResolution: 'serverWins', // Apple's CKSyncEngine sample merges the server record (§3)
  exportDebounceMs: 1_000, // design ("within about a minute", SYNC-CD)
  networkLatencyMs: 100, // design
  flakyFailureRate: 0.3, // design
  pushLatencyMs: 500, // design
  coalesceWindowMs: 30_000, // design
  importPageSize: 400, // design (resultsLimit; observed fetch limit 400, FORUM 744521)
  exportMaxRecords: 400, // RE OCCloudKitExporterOptions
  exportMaxBytes: 1_572_864, // RE OCCloudKitExporterOptions
  assetThresholdBytes: 700_000, // RE OCCloudKitSerializer (coredata-model.md §4.3)
  publicPollIntervalMs: { development: 30 * 60_000, production: 24 * 3_600_000 }, // TN3163 / TN3164
  tombstoneRetentionMs: null, // design knob (§2.3)
  retryBaseMs: 2_000, // design
  retryMaxMs: 10 * 60_000, // design
  setupRetryLimit: 3, // design bound on the observed setup/reset loop (§1.6)
  accountChangePurgesLocalData: true, // UNCONFIRMED: observed reports
  diffOnFullRefetch: false, // design (§5 #7)
  importOnActivation: true, // TN3163
  quotaBytes: null,
  serverRequestsPerSecond: null,
  throttleRetryAfterSeconds: 30, // TN3162 shows retry-after values of this order
  eventDetailLimit: 100,
};

export function resolveOptions(o: Partial<SandboxOptions> | undefined): SandboxOptions {
  return { ...DEFAULT_OPTIONS, ...(o ?? {}), publicPollIntervalMs: { ...DEFAULT_OPTIONS.publicPollIntervalMs, ...(o?.publicPollIntervalMs ?? {}) } };
}
