import assert from 'node:assert/strict';
import type { CKErrorInfo } from '../../../src/core/sandbox/api';
import { SandboxConfigError, SandboxInputError, SessionFormatError, formatCKError } from '../../../src/core/sandbox/api';
import {
  CD_CODES, PARAPHRASE_MARK, RETRYABLE_CODES, ckError, cocoaError, hasCode, paraphrase, partialFailure, recordItemId, retryAfterOf, rootPartialError,
} from '../../../src/core/sandbox/errors';

/**
 * CKError and Core Data errors as plain data (errors.ts) and how they print (api/errors.ts formatCKError): the
 * exact objects the builders make, the lookups into partial errors, and the printed form CloudKit logs use.
 * Every value below is written by us.
 */
const ZONE_BUSY: CKErrorInfo = { domain: 'CKErrorDomain', name: 'zoneBusy', code: 23, description: 'Zone Busy' };
const BATCH: CKErrorInfo = { domain: 'CKErrorDomain', name: 'batchRequestFailed', code: 22, description: 'Batch Request Failed' };

describe('sandbox: error builders', () => {
  it('ckError takes name and description from the code table and only the extras given', () => {
    assert.deepEqual(ckError(4), { domain: 'CKErrorDomain', name: 'networkFailure', code: 4, description: 'Network Failure' });
    assert.deepEqual(ckError(9999), { domain: 'CKErrorDomain', name: 'unknown', code: 9999, description: 'Unknown Error 9999' });
    const partial = [{ itemId: 'x', error: ZONE_BUSY }];
    assert.deepEqual(ckError(2, { internalCode: 1011, message: 'm', serverMessage: 's', retryAfterSeconds: 0, partialErrors: partial }), {
      domain: 'CKErrorDomain', name: 'partialFailure', code: 2, description: 'Partial Failure',
      internalCode: 1011, message: 'm', serverMessage: 's', retryAfterSeconds: 0, partialErrors: partial,
    });
    // Falsy extras are still kept (only undefined is left out).
    assert.deepEqual(ckError(23, { internalCode: 0, message: '' }), { ...ZONE_BUSY, internalCode: 0, message: '' });
  });

  it('recordItemId prints a record id the way CloudKit does, in the Core Data zone by default', () => {
    assert.equal(recordItemId('ABC'), 'ABC:(com.apple.coredata.cloudkit.zone:__defaultOwner__)');
    assert.equal(recordItemId('ABC', 'Z1'), 'ABC:(Z1:__defaultOwner__)');
  });

  it('partialFailure wraps per-item errors in 2/1011', () => {
    const items = [{ itemId: 'r', error: ZONE_BUSY }];
    assert.deepEqual(partialFailure(items), {
      domain: 'CKErrorDomain', name: 'partialFailure', code: 2, description: 'Partial Failure', internalCode: 1011,
      message: 'Failed to modify some records', partialErrors: items,
    });
    assert.equal(partialFailure(items, 'Other').message, 'Other');
  });

  it('cocoaError builds an NSCocoaErrorDomain error with an optional underlying error', () => {
    assert.deepEqual(cocoaError(134406, 'neverInitialized', 'text'), {
      domain: 'NSCocoaErrorDomain', name: 'neverInitialized', code: 134406, description: 'A Core Data error occurred.', message: 'text',
    });
    assert.deepEqual(cocoaError(134400, 'acct', 'no account', ZONE_BUSY).underlying, ZONE_BUSY);
  });

  it('paraphrase marks text the project wrote', () => {
    assert.equal(PARAPHRASE_MARK, " [sandbox wording: CloudKit's text not known]");
    assert.equal(paraphrase('Quota hit'), "Quota hit [sandbox wording: CloudKit's text not known]");
  });

  it('pins the Core Data codes and the retryable CK codes', () => {
    assert.deepEqual(CD_CODES, {
      modelValidation: 134060, accountUnavailable: 134400, importErrors: 134404, neverInitialized: 134406, storeRemoved: 134407,
      duplicateInstance: 134410, accountChange: 134415, identityChange: 134416, pendingRequest: 134417, deferred: 134419,
    });
    assert.deepEqual([...RETRYABLE_CODES].sort((a, b) => a - b), [3, 4, 6, 7, 23, 34, 36]);
  });
});

describe('sandbox: error lookups', () => {
  it('retryAfterOf reads the error, else the first partial error that has one, recursively', () => {
    assert.equal(retryAfterOf({ ...ZONE_BUSY, retryAfterSeconds: 0 }), 0);
    assert.equal(retryAfterOf(ZONE_BUSY), undefined);
    const nested = partialFailure([
      { itemId: 'a', error: BATCH },
      { itemId: 'b', error: partialFailure([{ itemId: 'c', error: { ...ZONE_BUSY, retryAfterSeconds: 7 } }]) },
      { itemId: 'd', error: { ...ZONE_BUSY, retryAfterSeconds: 9 } },
    ]);
    assert.equal(retryAfterOf(nested), 7);
    assert.equal(retryAfterOf({ ...nested, retryAfterSeconds: 3 }), 3);
  });

  it('rootPartialError is the first per-item error other than batchRequestFailed', () => {
    assert.equal(rootPartialError(ZONE_BUSY), undefined);
    assert.equal(rootPartialError(partialFailure([{ itemId: 'a', error: BATCH }])), undefined);
    assert.equal(rootPartialError(partialFailure([{ itemId: 'a', error: BATCH }, { itemId: 'b', error: ZONE_BUSY }])), ZONE_BUSY);
  });

  it('hasCode matches a CKError itself or one of its per-item errors, not a Cocoa error of the same code', () => {
    assert.equal(hasCode(ZONE_BUSY, 23), true);
    assert.equal(hasCode(ZONE_BUSY, 22), false);
    assert.equal(hasCode(partialFailure([{ itemId: 'a', error: BATCH }, { itemId: 'b', error: ZONE_BUSY }]), 23), true);
    assert.equal(hasCode(partialFailure([{ itemId: 'a', error: BATCH }]), 23), false);
    assert.equal(hasCode(cocoaError(23, 'x', 'y'), 23), false);
  });
});

describe('sandbox: formatCKError', () => {
  it('prints a bare CKError with its code', () => {
    assert.equal(formatCKError(ZONE_BUSY), '<CKError 0x0: "Zone Busy" (23)>');
  });

  it('prints the internal code, message, server message and retry-after in that order', () => {
    const e = ckError(6, { internalCode: 2022, message: 'Request throttled', serverMessage: 'slow down', retryAfterSeconds: 30 });
    assert.equal(formatCKError(e), '<CKError 0x0: "Service Unavailable" (6/2022); "Request throttled"; server message = "slow down"; Retry after 30.0 seconds>');
    assert.equal(formatCKError({ ...ZONE_BUSY, retryAfterSeconds: 0 }), '<CKError 0x0: "Zone Busy" (23); Retry after 0.0 seconds>');
    assert.equal(formatCKError({ ...ZONE_BUSY, message: '', serverMessage: '' }), '<CKError 0x0: "Zone Busy" (23)>');
  });

  it('prints partial errors one per line, indented by nesting depth', () => {
    const e = partialFailure([
      { itemId: 'r1', error: ZONE_BUSY },
      { itemId: 'r2', error: partialFailure([{ itemId: 'r3', error: BATCH }], 'inner') },
    ]);
    assert.equal(formatCKError(e), [
      '<CKError 0x0: "Partial Failure" (2/1011); "Failed to modify some records"; partial errors: {',
      '\tr1 = <CKError 0x0: "Zone Busy" (23)>',
      '\tr2 = <CKError 0x0: "Partial Failure" (2/1011); "inner"; partial errors: {',
      '\t\tr3 = <CKError 0x0: "Batch Request Failed" (22)>',
      '\t}>',
      '}>',
    ].join('\n'));
    assert.equal(formatCKError({ ...ZONE_BUSY, partialErrors: [] }), '<CKError 0x0: "Zone Busy" (23)>');
  });

  it('prints a Core Data error in NSError form, with its message or else its description, and its underlying error', () => {
    assert.equal(formatCKError(cocoaError(134406, 'n', 'Never initialized')), 'Error Domain=NSCocoaErrorDomain Code=134406 "Never initialized"');
    const { message: _m, ...noMessage } = cocoaError(134060, 'n', 'x');
    assert.equal(formatCKError(noMessage), 'Error Domain=NSCocoaErrorDomain Code=134060 "A Core Data error occurred."');
    assert.equal(formatCKError(cocoaError(134400, 'n', 'No account', ckError(9))),
      'Error Domain=NSCocoaErrorDomain Code=134400 "No account" UserInfo={NSUnderlyingError=<CKError 0x0: "Not Authenticated" (9)>}');
  });

  it('the engine errors carry their class name', () => {
    assert.equal(new SandboxInputError('a').name, 'SandboxInputError');
    assert.equal(new SandboxConfigError('b').name, 'SandboxConfigError');
    assert.equal(new SessionFormatError('c').name, 'SessionFormatError');
    assert.equal(new SessionFormatError('c').message, 'c');
    assert.ok(new SessionFormatError('c') instanceof Error);
  });
});
