import type { JsonValue, SandboxOptions } from './api';
import { DEFAULT_OPTIONS } from './options';

/**
 * The checks of one sandbox option value (issue 17 R3): own keys of DEFAULT_OPTIONS only (a prototype key such
 * as `constructor` or `__proto__` is unknown), enums by their allowed values, numbers by range. A value the
 * engine cannot run with (`importPageSize: 0` paged forever, `exportMaxRecords: 0` silently exported nothing)
 * is refused with a message naming the option and its range. Returns the problem, or null when the value is fine.
 */

type Check = (v: JsonValue) => string | null;

const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function intAtLeast(min: number, max = Number.MAX_SAFE_INTEGER): Check {
  return (v) => (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? null : `an integer from ${min} to ${max}`);
}

function numberIn(min: number, max: number): Check {
  return (v) => (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? null : `a number from ${min} to ${max}`);
}

function oneOf(...values: readonly string[]): Check {
  return (v) => (typeof v === 'string' && values.includes(v) ? null : `one of ${values.map((x) => `'${x}'`).join(', ')}`);
}

const bool: Check = (v) => (typeof v === 'boolean' ? null : 'true or false');

function nullable(c: Check): Check {
  return (v) => (v === null ? null : c(v) === null ? null : `null or ${c(v)!}`);
}

const MS = 365 * 24 * 3_600_000; // a year of virtual time: the largest delay any knob may ask for

const pollIntervals: Check = (v) => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return 'an object { development, production } of intervals in ms';
  for (const k of Object.keys(v)) if (k !== 'development' && k !== 'production') return `an object with only 'development' and 'production' (not '${k}')`;
  for (const k of ['development', 'production'] as const) {
    if (has(v, k) && intAtLeast(1, MS)((v as Record<string, JsonValue>)[k]) !== null) return `an object whose ${k} is an integer from 1 to ${MS} (ms)`;
  }
  return null;
};

/** One entry per option; the record type makes a new option without a check a compile error. */
const CHECKS: { readonly [K in keyof SandboxOptions]: Check } = {
  exportSavePolicy: oneOf('changedKeys', 'allKeys', 'ifServerRecordUnchanged'),
  deleteVsEdit: oneOf('deleteWins', 'editResurrects'),
  conflictResolution: oneOf('serverWins', 'clientWins'),
  exportDebounceMs: intAtLeast(0, MS),
  networkLatencyMs: intAtLeast(0, MS),
  flakyFailureRate: numberIn(0, 1),
  pushLatencyMs: intAtLeast(0, MS),
  coalesceWindowMs: intAtLeast(0, MS),
  importPageSize: intAtLeast(1, 100_000),
  exportMaxRecords: intAtLeast(1, 100_000),
  exportMaxBytes: intAtLeast(1, 1 << 30),
  assetThresholdBytes: intAtLeast(0, 1 << 30),
  publicPollIntervalMs: pollIntervals,
  tombstoneRetentionMs: nullable(intAtLeast(0, MS)),
  retryBaseMs: intAtLeast(1, MS),
  retryMaxMs: intAtLeast(1, MS),
  setupRetryLimit: intAtLeast(0, 1_000),
  accountChangePurgesLocalData: bool,
  diffOnFullRefetch: bool,
  importOnActivation: bool,
  quotaBytes: nullable(intAtLeast(0, Number.MAX_SAFE_INTEGER)),
  serverRequestsPerSecond: nullable(intAtLeast(1, 1_000_000)),
  throttleRetryAfterSeconds: numberIn(0, 86_400),
  eventDetailLimit: intAtLeast(1, 100_000),
};

export function isOptionName(name: unknown): name is keyof SandboxOptions {
  return typeof name === 'string' && has(DEFAULT_OPTIONS, name) && has(CHECKS, name);
}

/** The problem with `option = value`, or null. */
export function optionProblem(option: unknown, value: JsonValue): string | null {
  if (!isOptionName(option)) return `unknown option '${String(option)}'`;
  const want = CHECKS[option](value);
  return want === null ? null : `option '${option}' must be ${want}, not ${JSON.stringify(value) ?? String(value)}`;
}

/** The first problem among a config's options (own keys only), or null. */
export function optionsProblem(options: unknown): string | null {
  if (options === undefined) return null;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) return '`options` must be an object';
  for (const k of Object.keys(options)) {
    const p = optionProblem(k, (options as Record<string, JsonValue>)[k]);
    if (p) return p;
  }
  return null;
}
