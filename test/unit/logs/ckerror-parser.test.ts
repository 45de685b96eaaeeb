import assert from 'node:assert/strict';
import fs from 'node:fs';
import { scanErrors } from '../../../src/core/logs/error-scanner';
import { readSyncLog } from '../../../src/core/logs/reader';
import type { DecodedError } from '../../../src/core/logs/types';
import { corpusPath } from '../../helpers/paths';

/** The decoded tree without positions, for whole-tree comparisons. */
function tree(e: DecodedError): object {
  const out: Record<string, unknown> = { domain: e.domain, code: e.code };
  for (const k of ['serverCode', 'name', 'description', 'serverMessage', 'container', 'uuid', 'operation', 'retryAfterSeconds', 'record', 'omittedBatchErrors', 'truncated'] as const) {
    if (e[k] !== undefined && e[k] !== '') out[k] = e[k];
  }
  if (e.partialErrors.length) out.partialErrors = e.partialErrors.map(tree);
  if (e.underlying.length) out.underlying = e.underlying.map(tree);
  return out;
}
const corpusLog = (f: string) => fs.readFileSync(corpusPath('logs', f), 'utf8');

describe('sync logs: CKError descriptions into trees', () => {
  describe('TN3164 examples, verbatim (read from the corpus, where they are kept with their source)', () => {
    it('Permission Failure 10/2007 wrapped over lines with elisions (TN3164 Configure CloudKit)', () => {
      const [e] = scanErrors(corpusLog('006-tn3164-10-2007-permission-failure.log'));
      assert.deepEqual(tree(e), { domain: 'CKErrorDomain', code: 10, serverCode: 2007, name: 'Permission Failure', serverMessage: 'Invalid bundle ID for container' });
    });

    it('134406 quoting a Partial Failure with a 12/2006 partial error and 44 omitted siblings, twice (TN3164 Mirror your model)', () => {
      const [e] = scanErrors(corpusLog('011-tn3164-134406-schema-not-deployed.log'));
      const partial = {
        domain: 'CKErrorDomain', code: 2, serverCode: 1011, name: 'Partial Failure', description: 'Failed to modify some records',
        omittedBatchErrors: 44,
        partialErrors: [{
          domain: 'CKErrorDomain', code: 12, serverCode: 2006, name: 'Invalid Arguments',
          serverMessage: "Cannot create or modify field '<A record field>' in record '<A record type>' in production schema",
          record: { raw: '41320DB5-A3CB-40C8-AD6D-1767C4B154D9:(com.apple.coredata.cloudkit.zone:__defaultOwner__)', recordName: '41320DB5-A3CB-40C8-AD6D-1767C4B154D9', zone: 'com.apple.coredata.cloudkit.zone', owner: '__defaultOwner__' },
        }],
      };
      const t = tree(e) as { code: number; underlying: object[]; description: string };
      assert.equal(t.code, 134406);
      assert.match(t.description, /^Request '5FFC9F71-5E39-4FE8-8E48-C7A828D9B354' was aborted because the mirroring delegate never successfully initialized/);
      // The message and NSLocalizedFailureReason print the same error: it is kept once.
      assert.deepEqual(t.underlying, [partial]);
    });

    it('Limit Exceeded 27/2023 on the zone-wide share record, with op and uuid (TN3164 Avoid hitting a CloudKit limit)', () => {
      const [e] = scanErrors(corpusLog('021-tn3164-27-2023-share-record-too-large.log'));
      assert.deepEqual(tree(e), { domain: 'CKErrorDomain', code: 27, serverCode: 2023, name: 'Limit Exceeded', serverMessage: 'record too large', operation: '22900FB3D1959E5C', uuid: 'AEDE918E-F343-4245-A41B-7D7D3A41FD20' });
    });

    it('134410 with NSURL, NSLocalizedFailureReason and NSUnderlyingException in userInfo (TN3164 multiple containers)', () => {
      const [e] = scanErrors(corpusLog('007-tn3164-134410-two-instances.log'));
      assert.equal(e.code, 134410);
      assert.deepEqual(Object.keys(e.userInfo ?? {}), ['NSURL', 'NSLocalizedFailureReason', 'NSUnderlyingException']);
      assert.match(e.userInfo!.NSUnderlyingException, /^Illegal attempt to register a second handler for activity identifier com\.apple\.coredata\.cloudkit\.activity\.setup\./);
    });
  });

  it('nested partial errors keyed by record ID, zone ID and CKRecordID; retry-after, container, empty uuid', () => {
    const text = '<CKError 0x1: "Partial Failure" (2/1011); "Failed to modify some records"; uuid = ; container ID = "iCloud.com.example.ShoppingList"; partial errors: {\n'
      + '\tA1:(com.apple.coredata.cloudkit.zone:__defaultOwner__) = <CKError 0x2: "Quota Exceeded" (25/2035); server message = "Quota exceeded"; Retry after 315.0 seconds>\n'
      + '\tcom.apple.coredata.cloudkit.zone:__defaultOwner__ = <CKError 0x3: "Zone Not Found" (26/2036); server message = "Zone \'com.apple.coredata.cloudkit.zone\' does not exist">\n'
      + '\t<CKRecordID: 0x4; recordName=B2, zoneID=Z:__defaultOwner__> = <CKError 0x5: "Batch Request Failed" (22/2024); "Record B2 was not saved because of another failure">\n'
      + '\t... 3 "Batch Request Failed" CKError\'s omited ...\n}>';
    const [e] = scanErrors(text);
    assert.equal(e.container, 'iCloud.com.example.ShoppingList');
    assert.equal(e.omittedBatchErrors, 3);
    assert.deepEqual(e.partialErrors.map((p) => [p.code, p.serverCode, p.record?.recordName, p.record?.zone, p.retryAfterSeconds]), [
      [25, 2035, 'A1', 'com.apple.coredata.cloudkit.zone', 315],
      [26, 2036, undefined, 'com.apple.coredata.cloudkit.zone', undefined],
      [22, 2024, 'B2', 'Z', undefined],
    ]);
    const r = readSyncLog(text);
    assert.equal(r.errors[0].kind.id, 'quota-exceeded');
    // The cause's sibling counts: the quota error itself, the Batch Request Failed one, and 3 omitted.
    assert.equal(r.errors[0].affectedItems, 5);
  });

  it('a description inside a dictionary description (escaped quotes and \\n) and NSUnderlyingError', () => {
    const text = 'Error Domain=NSCocoaErrorDomain Code=134060 "A Core Data error occurred." UserInfo={encounteredErrors=(\n    "<CKError 0x6: \\"Partial Failure\\" (2/1011); \\"Failed to modify some records\\"; partial errors: {\\n\\tCD_FAKE_Item_1:(_defaultZone:__defaultOwner__) = <CKError 0x7: \\"Internal Error\\" (1/1000); \\"No authToken received for asset\\">\\n}>"\n), NSUnderlyingError=0x8 {Error Domain=CKErrorDomain Code=2 "Partial Failure"}}';
    const [e] = scanErrors(text);
    assert.equal(e.code, 134060);
    assert.deepEqual(e.underlying.map((u) => [u.domain, u.code, u.serverCode]), [['CKErrorDomain', 2, 1011], ['CKErrorDomain', 2, undefined]]);
    assert.deepEqual(tree(e.underlying[0].partialErrors[0]), {
      domain: 'CKErrorDomain', code: 1, serverCode: 1000, name: 'Internal Error', description: 'No authToken received for asset',
      record: { raw: 'CD_FAKE_Item_1:(_defaultZone:__defaultOwner__)', recordName: 'CD_FAKE_Item_1', zone: '_defaultZone', owner: '__defaultOwner__' },
    });
  });

  it('code forms: client code only, server code only, another domain after the slash, localized only', () => {
    const codes = (t: string) => scanErrors(t).map((e) => [e.code, e.serverCode, e.codeInferred ?? false]);
    assert.deepEqual(codes('<CKError 0x1: "Invalid Arguments" (12); "Unknown field">'), [[12, undefined, false]]);
    assert.deepEqual(codes('<CKError 0x1: "Server Rejected Request" (2001); "Request failed with http status code 500">'), [[15, 2001, true]]);
    assert.deepEqual(codes('<CKError 0x1: "Service Unavailable" (6/NSCocoaErrorDomain:4099); "Error connecting to CloudKit daemon.">'), [[6, undefined, false]]);
    assert.deepEqual(codes('The operation couldn’t be completed. (CKErrorDomain error 4.)'), [[4, undefined, true]]);
    assert.deepEqual(codes('CKError - "Internal Error" (1/4000); "Couldn\'t get a signing certificate". Some prose after.'), [[1, 4000, false]]);
  });

  it('never throws on fragments of descriptions', () => {
    const whole = '<CKError 0x1: "Partial Failure" (2/1011); partial errors: { A:(z:o) = <CKError 0x2: "Quota Exceeded" (25/2035); Retry after 3 seconds> ... 4 "Batch Request Failed" CKError\'s omited ... }>';
    for (let i = 0; i <= whole.length; i++) {
      assert.doesNotThrow(() => scanErrors(whole.slice(0, i)));
      assert.doesNotThrow(() => scanErrors(whole.slice(i)));
    }
  });
});
