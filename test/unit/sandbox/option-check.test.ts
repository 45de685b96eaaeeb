import assert from 'node:assert/strict';
import type { JsonValue, SandboxOptions } from '../../../src/core/sandbox/api';
import { isOptionName, optionProblem, optionsProblem } from '../../../src/core/sandbox/option-check';
import { DEFAULT_OPTIONS, resolveOptions } from '../../../src/core/sandbox/options';

/**
 * The sandbox option checks (option-check.ts, issue 17 R3) and the defaults (options.ts): for every option its
 * allowed range or enum, both ends accepted and one past each end refused with the exact message; prototype
 * keys and unknown keys; the config-level check. All values below are written by us.
 */
const YEAR_MS = 365 * 24 * 3_600_000; // 31,536,000,000: the largest delay a knob may ask for
const GIB = 1024 * 1024 * 1024;

const INT_OPTIONS: readonly [keyof SandboxOptions, number, number][] = [
  ['exportDebounceMs', 0, YEAR_MS],
  ['networkLatencyMs', 0, YEAR_MS],
  ['pushLatencyMs', 0, YEAR_MS],
  ['coalesceWindowMs', 0, YEAR_MS],
  ['importPageSize', 1, 100_000],
  ['exportMaxRecords', 1, 100_000],
  ['exportMaxBytes', 1, GIB],
  ['assetThresholdBytes', 0, GIB],
  ['retryBaseMs', 1, YEAR_MS],
  ['retryMaxMs', 1, YEAR_MS],
  ['setupRetryLimit', 0, 1_000],
  ['eventDetailLimit', 1, 100_000],
];

describe('sandbox: option checks', () => {
  for (const [option, min, max] of INT_OPTIONS) {
    it(`${option} takes an integer from ${min} to ${max}`, () => {
      assert.equal(optionProblem(option, min), null);
      assert.equal(optionProblem(option, max), null);
      assert.equal(optionProblem(option, min - 1), `option '${option}' must be an integer from ${min} to ${max}, not ${min - 1}`);
      assert.equal(optionProblem(option, max + 1), `option '${option}' must be an integer from ${min} to ${max}, not ${max + 1}`);
      assert.equal(optionProblem(option, min + 0.5), `option '${option}' must be an integer from ${min} to ${max}, not ${min + 0.5}`);
      assert.equal(optionProblem(option, String(min + 1)), `option '${option}' must be an integer from ${min} to ${max}, not "${min + 1}"`);
    });
  }

  it('flakyFailureRate takes any number from 0 to 1, fractions included', () => {
    for (const ok of [0, 0.25, 1]) assert.equal(optionProblem('flakyFailureRate', ok), null);
    assert.equal(optionProblem('flakyFailureRate', -0.01), "option 'flakyFailureRate' must be a number from 0 to 1, not -0.01");
    assert.equal(optionProblem('flakyFailureRate', 1.01), "option 'flakyFailureRate' must be a number from 0 to 1, not 1.01");
    assert.equal(optionProblem('flakyFailureRate', '0.5'), 'option \'flakyFailureRate\' must be a number from 0 to 1, not "0.5"');
    // NaN prints as null in JSON.
    assert.equal(optionProblem('flakyFailureRate', NaN), "option 'flakyFailureRate' must be a number from 0 to 1, not null");
  });

  it('throttleRetryAfterSeconds takes a number from 0 to 86400 (a day), fractions included', () => {
    for (const ok of [0, 2.5, 86_400]) assert.equal(optionProblem('throttleRetryAfterSeconds', ok), null);
    assert.equal(optionProblem('throttleRetryAfterSeconds', -1), "option 'throttleRetryAfterSeconds' must be a number from 0 to 86400, not -1");
    assert.equal(optionProblem('throttleRetryAfterSeconds', 86_400.5), "option 'throttleRetryAfterSeconds' must be a number from 0 to 86400, not 86400.5");
    assert.equal(optionProblem('throttleRetryAfterSeconds', Infinity), "option 'throttleRetryAfterSeconds' must be a number from 0 to 86400, not null");
  });

  it('the enum options take exactly their listed values', () => {
    for (const v of ['changedKeys', 'allKeys', 'ifServerRecordUnchanged']) assert.equal(optionProblem('exportSavePolicy', v), null);
    assert.equal(optionProblem('exportSavePolicy', 'ChangedKeys'),
      "option 'exportSavePolicy' must be one of 'changedKeys', 'allKeys', 'ifServerRecordUnchanged', not \"ChangedKeys\"");
    for (const v of ['deleteWins', 'editResurrects']) assert.equal(optionProblem('deleteVsEdit', v), null);
    assert.equal(optionProblem('deleteVsEdit', 'editWins'), "option 'deleteVsEdit' must be one of 'deleteWins', 'editResurrects', not \"editWins\"");
    for (const v of ['serverWins', 'clientWins']) assert.equal(optionProblem('conflictResolution', v), null);
    assert.equal(optionProblem('conflictResolution', 1), "option 'conflictResolution' must be one of 'serverWins', 'clientWins', not 1");
    assert.equal(optionProblem('conflictResolution', ''), "option 'conflictResolution' must be one of 'serverWins', 'clientWins', not \"\"");
  });

  it('the boolean options take true or false only', () => {
    for (const option of ['accountChangePurgesLocalData', 'diffOnFullRefetch', 'importOnActivation'] as const) {
      assert.equal(optionProblem(option, true), null);
      assert.equal(optionProblem(option, false), null);
      assert.equal(optionProblem(option, 0), `option '${option}' must be true or false, not 0`);
      assert.equal(optionProblem(option, 'true'), `option '${option}' must be true or false, not "true"`);
      assert.equal(optionProblem(option, null), `option '${option}' must be true or false, not null`);
    }
  });

  it('the nullable options take null or their range, and say both in the message', () => {
    assert.equal(optionProblem('tombstoneRetentionMs', null), null);
    assert.equal(optionProblem('tombstoneRetentionMs', 0), null);
    assert.equal(optionProblem('tombstoneRetentionMs', YEAR_MS), null);
    assert.equal(optionProblem('tombstoneRetentionMs', -1), `option 'tombstoneRetentionMs' must be null or an integer from 0 to ${YEAR_MS}, not -1`);
    assert.equal(optionProblem('tombstoneRetentionMs', YEAR_MS + 1), `option 'tombstoneRetentionMs' must be null or an integer from 0 to ${YEAR_MS}, not ${YEAR_MS + 1}`);
    assert.equal(optionProblem('quotaBytes', null), null);
    assert.equal(optionProblem('quotaBytes', 0), null);
    assert.equal(optionProblem('quotaBytes', Number.MAX_SAFE_INTEGER), null);
    assert.equal(optionProblem('quotaBytes', -5), 'option \'quotaBytes\' must be null or an integer from 0 to 9007199254740991, not -5');
    assert.equal(optionProblem('serverRequestsPerSecond', null), null);
    assert.equal(optionProblem('serverRequestsPerSecond', 1), null);
    assert.equal(optionProblem('serverRequestsPerSecond', 1_000_000), null);
    assert.equal(optionProblem('serverRequestsPerSecond', 0), "option 'serverRequestsPerSecond' must be null or an integer from 1 to 1000000, not 0");
    assert.equal(optionProblem('serverRequestsPerSecond', 1_000_001), "option 'serverRequestsPerSecond' must be null or an integer from 1 to 1000000, not 1000001");
    assert.equal(optionProblem('serverRequestsPerSecond', false), "option 'serverRequestsPerSecond' must be null or an integer from 1 to 1000000, not false");
  });

  it('publicPollIntervalMs takes an object of development and production intervals, each optional', () => {
    const p = (v: JsonValue): string | null => optionProblem('publicPollIntervalMs', v);
    assert.equal(p({ development: 1, production: YEAR_MS }), null);
    assert.equal(p({ development: 60_000 }), null);
    assert.equal(p({ production: 60_000 }), null);
    assert.equal(p({}), null);
    const notObject = "option 'publicPollIntervalMs' must be an object { development, production } of intervals in ms";
    assert.equal(p(null), `${notObject}, not null`);
    assert.equal(p([1, 2]), `${notObject}, not [1,2]`);
    assert.equal(p(60_000), `${notObject}, not 60000`);
    assert.equal(p({ development: 1, staging: 5 }),
      "option 'publicPollIntervalMs' must be an object with only 'development' and 'production' (not 'staging'), not {\"development\":1,\"staging\":5}");
    assert.equal(p({ development: 0 }), `option 'publicPollIntervalMs' must be an object whose development is an integer from 1 to ${YEAR_MS} (ms), not {"development":0}`);
    assert.equal(p({ development: 5, production: YEAR_MS + 1 }),
      `option 'publicPollIntervalMs' must be an object whose production is an integer from 1 to ${YEAR_MS} (ms), not {"development":5,"production":${YEAR_MS + 1}}`);
    assert.equal(p({ production: 1.5 }), `option 'publicPollIntervalMs' must be an object whose production is an integer from 1 to ${YEAR_MS} (ms), not {"production":1.5}`);
    assert.equal(p({ development: null }), `option 'publicPollIntervalMs' must be an object whose development is an integer from 1 to ${YEAR_MS} (ms), not {"development":null}`);
  });

  it('an unknown option, a prototype key or a non-string name is refused as unknown', () => {
    assert.equal(optionProblem('pageSize', 5), "unknown option 'pageSize'");
    assert.equal(optionProblem('constructor', 5), "unknown option 'constructor'");
    assert.equal(optionProblem('__proto__', 5), "unknown option '__proto__'");
    assert.equal(optionProblem('toString', 5), "unknown option 'toString'");
    assert.equal(optionProblem('hasOwnProperty', 5), "unknown option 'hasOwnProperty'");
    assert.equal(optionProblem(7, 5), "unknown option '7'");
    assert.equal(optionProblem(undefined, 5), "unknown option 'undefined'");
  });

  it('a value that JSON cannot print is named by String()', () => {
    assert.equal(optionProblem('importPageSize', undefined as unknown as JsonValue), "option 'importPageSize' must be an integer from 1 to 100000, not undefined");
  });

  it('isOptionName is true for every default option and for nothing else', () => {
    for (const k of Object.keys(DEFAULT_OPTIONS)) assert.equal(isOptionName(k), true, k);
    for (const k of ['constructor', '__proto__', 'valueOf', '', 'ImportPageSize', 3, null]) assert.equal(isOptionName(k), false, String(k));
  });

  it('every default value passes its own check', () => {
    for (const [k, v] of Object.entries(DEFAULT_OPTIONS)) assert.equal(optionProblem(k, v as JsonValue), null, k);
  });
});

describe('sandbox: options of a config (optionsProblem)', () => {
  it('absent options are fine, and so is an empty object', () => {
    assert.equal(optionsProblem(undefined), null);
    assert.equal(optionsProblem({}), null);
  });

  it('options that are not an object are refused', () => {
    for (const v of [null, [], 'fast', 3, true]) assert.equal(optionsProblem(v), '`options` must be an object', JSON.stringify(v));
  });

  it('returns the first problem in key order', () => {
    assert.equal(optionsProblem({ importPageSize: 10, exportMaxRecords: 0, bogus: 1 }), "option 'exportMaxRecords' must be an integer from 1 to 100000, not 0");
    assert.equal(optionsProblem({ bogus: 1, exportMaxRecords: 0 }), "unknown option 'bogus'");
    assert.equal(optionsProblem({ importPageSize: 10, diffOnFullRefetch: true }), null);
  });

  it('checks own keys only: an inherited key is not read, an own `__proto__` key (from JSON) is unknown', () => {
    assert.equal(optionsProblem(Object.create({ bogus: 1 }) as object), null);
    assert.equal(optionsProblem(JSON.parse('{"__proto__": {"importPageSize": 0}}') as unknown), "unknown option '__proto__'");
  });
});

describe('sandbox: default options', () => {
  it('pins every default', () => {
    assert.deepEqual(DEFAULT_OPTIONS, {
      exportSavePolicy: 'changedKeys',
      deleteVsEdit: 'deleteWins',
      conflictResolution: 'serverWins',
      exportDebounceMs: 1000,
      networkLatencyMs: 100,
      flakyFailureRate: 0.3,
      pushLatencyMs: 500,
      coalesceWindowMs: 30000,
      importPageSize: 400,
      exportMaxRecords: 400,
      exportMaxBytes: 1572864,
      assetThresholdBytes: 700000,
      publicPollIntervalMs: { development: 1_800_000, production: 86_400_000 },
      tombstoneRetentionMs: null,
      retryBaseMs: 2000,
      retryMaxMs: 600000,
      setupRetryLimit: 3,
      accountChangePurgesLocalData: true,
      diffOnFullRefetch: false,
      importOnActivation: true,
      quotaBytes: null,
      serverRequestsPerSecond: null,
      throttleRetryAfterSeconds: 30,
      eventDetailLimit: 100,
    });
  });

  it('resolveOptions without options gives the defaults', () => {
    assert.deepEqual(resolveOptions(undefined), DEFAULT_OPTIONS);
    assert.deepEqual(resolveOptions({}), DEFAULT_OPTIONS);
  });

  it('resolveOptions overrides the given keys and merges a partial poll interval over the default one', () => {
    const o = resolveOptions({ importPageSize: 7, publicPollIntervalMs: { development: 5 } as SandboxOptions['publicPollIntervalMs'] });
    assert.deepEqual(o, { ...DEFAULT_OPTIONS, importPageSize: 7, publicPollIntervalMs: { development: 5, production: 86_400_000 } });
    assert.deepEqual(resolveOptions({ publicPollIntervalMs: { production: 9 } as SandboxOptions['publicPollIntervalMs'] }).publicPollIntervalMs,
      { development: 1_800_000, production: 9 });
  });

  it('resolveOptions does not share the default poll-interval object', () => {
    const o = resolveOptions(undefined);
    assert.notEqual(o.publicPollIntervalMs, DEFAULT_OPTIONS.publicPollIntervalMs);
  });
});
