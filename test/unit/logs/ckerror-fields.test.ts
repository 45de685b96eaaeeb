import assert from 'node:assert/strict';
import { parseBareCKError, parseCKErrorDescription, parseRecordKey } from '../../../src/core/logs/ckerror-parser';
import { structuralView } from '../../../src/core/logs/description-text';
import type { DecodedError } from '../../../src/core/logs/types';

/**
 * Field by field, the CKError description reader (reference/sync-logs.md §3) on descriptions we wrote:
 * each code form, each field, its ends (`>`, a cut, an elision), partial errors and their keys.
 */
function parse(text: string, at = text.indexOf('<CKError')): DecodedError {
  return parseCKErrorDescription({ view: structuralView(text), text, consumed: new Set() }, at);
}

describe('sync logs: CKError description fields', () => {
  it('code forms: client/server, client only, server only (client code inferred), another domain after the slash', () => {
    const both = parse('<CKError 0x1: "Invalid Arguments" (12/2006)>');
    assert.deepEqual([both.name, both.code, both.serverCode, both.codeInferred], ['Invalid Arguments', 12, 2006, undefined]);
    const client = parse('<CKError 0x1: "Network Unavailable" (3)>');
    assert.deepEqual([client.code, client.serverCode], [3, undefined]);
    const server = parse('<CKError 0x1: "Service Unavailable" (2022)>');
    assert.deepEqual([server.code, server.serverCode, server.codeInferred], [6, 2022, true]);
    const byName = parse('<CKError 0x1: "Zone Busy" (9999)>');
    assert.deepEqual([byName.code, byName.serverCode, byName.codeInferred], [23, 9999, true]);
    const unknown = parse('<CKError 0x1: "Something" (9999)>');
    assert.deepEqual([unknown.code, unknown.serverCode, 'codeInferred' in unknown], [undefined, 9999, false]);
    const other = parse('<CKError 0x1: "Service Unavailable" (6/NSCocoaErrorDomain:-4099)>');
    assert.deepEqual([other.code, other.serverCode, other.userInfo], [6, undefined, { underlyingDomain: 'NSCocoaErrorDomain', underlyingCode: '-4099' }]);
  });

  it('the address may be elided or missing; the name is trimmed', () => {
    assert.equal(parse('<CKError …: " Zone Busy " (23/2000)>').name, 'Zone Busy');
    assert.equal(parse('<CKError ...: "Zone Busy" (23)>').code, 23);
    assert.equal(parse('<CKError: "Zone Busy" (23)>').code, 23);
  });

  it('fields: description, server message, op, uuid, container (quoted or not, elided), retry-after; the end after `>`', () => {
    const text = '<CKError 0x1: "Quota Exceeded" (25/2035); "Quota exceeded for the user"; server message = "Quota exceeded"; op = FC4D3188D0A46ABC; uuid = …; container ID = "iCloud.com.example.App"; Retry after 315.5 seconds> tail';
    const e = parse(text);
    assert.deepEqual([e.description, e.serverMessage, e.operation, e.uuid, e.container, e.retryAfterSeconds], [
      'Quota exceeded for the user', 'Quota exceeded', 'FC4D3188D0A46ABC', '', 'iCloud.com.example.App', 315.5,
    ]);
    assert.equal(e.end, text.indexOf(' tail'));
    assert.equal(e.truncated, undefined);
    assert.equal(parse('<CKError 0x1: "A" (1); container ID = iCloud.x; op = ...>').container, 'iCloud.x');
    assert.equal(parse('<CKError 0x1: "A" (1); op = ...>').operation, '');
    assert.equal(parse('<CKError 0x1: "A" (1); uuid =   "U-1">').uuid, 'U-1');
  });

  it('the first quoted value is the description; a later one does not replace it', () => {
    assert.equal(parse('<CKError 0x1: "A" (1); "first"; "second">').description, 'first');
  });

  it('unknown fields, elisions and a bad retry are stepped over', () => {
    const e = parse('<CKError 0x1: "A" (15/2001); … ; mystery = <x; y>; ...; Retry after soon; server message = "kept">');
    assert.deepEqual([e.serverMessage, e.retryAfterSeconds, e.truncated], ['kept', undefined, undefined]);
  });

  it('cut by the paste: truncated, ending where the text does', () => {
    const text = '<CKError 0x1: "Invalid Arguments" (12/2006); server message = "Cannot create';
    const e = parse(text);
    assert.deepEqual([e.serverMessage, e.truncated], ['Cannot create', true]);
    // It ends past the text (after the quote it never found); the scanner clamps it (positions.test.ts).
    assert.equal(e.end, text.length + 1);
    const noEnd = parse('<CKError 0x1: "A" (1); op = X');
    assert.deepEqual([noEnd.operation, noEnd.truncated], ['X', true]);
    const desc = parse('<CKError 0x1: "A" (1); "cut description');
    assert.deepEqual([desc.description, desc.truncated], ['cut description', true]);
  });

  it('partial errors keyed by record, with omitted batch errors added up and elisions skipped', () => {
    const text = '<CKError 0x1: "Partial Failure" (2/1011); "Failed to modify some records"; partial errors: {\n'
      + '\tItem-1:(com.apple.coredata.cloudkit.zone:__defaultOwner__) = <CKError 0x2: "Invalid Arguments" (12/2006); server message = "m">\n'
      + '\t… 3 "Batch Request Failed" CKError\'s omited …\n'
      + '\t"Item-2:(z:o)" = <CKError 0x3: "Batch Request Failed" (22/2024)>\n'
      + '\t... 41 "Batch Request Failed" CKError\'s omitted ...\n'
      + '}> after';
    const e = parse(text);
    assert.equal(e.omittedBatchErrors, 44);
    assert.deepEqual(e.partialErrors.map((p) => [p.code, p.record?.recordName, p.record?.zone, p.record?.owner]), [
      [12, 'Item-1', 'com.apple.coredata.cloudkit.zone', '__defaultOwner__'],
      [22, 'Item-2', 'z', 'o'],
    ]);
    assert.equal(e.end, text.indexOf(' after'));
    assert.equal(e.truncated, undefined);
  });

  it('partial errors: an elided key gives no record; text up to the brace is skipped; a cut map is truncated', () => {
    const elided = parse('<CKError 0x1: "Partial Failure" (2/1011); partial errors: { … = <CKError 0x2: "Zone Busy" (23)> }>');
    assert.deepEqual(elided.partialErrors.map((p) => [p.code, p.record]), [[23, undefined]]);
    const skipped = parse('<CKError 0x1: "Partial Failure" (2/1011); partial errors: { … } ; op = Z>');
    assert.deepEqual([skipped.partialErrors.length, skipped.operation], [0, 'Z']);
    const cut = parse('<CKError 0x1: "Partial Failure" (2/1011); partial errors: { a = <CKError 0x2: "Zone Busy" (23)>');
    assert.equal(cut.truncated, true);
    assert.equal(cut.partialErrors.length, 1);
    const cutText = parse('<CKError 0x1: "Partial Failure" (2/1011); partial errors: { elided text');
    assert.equal(cutText.truncated, true);
  });

  it('a CKRecordID key before the brace of its own description is still a key', () => {
    const e = parse('<CKError 0x1: "Partial Failure" (2/1011); partial errors: {<CKRecordID: 0x5; recordName=R1, zoneID=Z:O> = <CKError 0x2: "Unknown Item" (11/2003)>}>');
    assert.deepEqual([e.partialErrors[0].code, e.partialErrors[0].record?.recordName, e.partialErrors[0].record?.zone], [11, 'R1', 'Z']);
  });

  it('record keys: CKRecordID descriptions, record:(zone:owner), zone:owner, anything else raw', () => {
    assert.deepEqual(parseRecordKey('<CKRecordID: 0x1; recordName=ABC, zoneID=zone:owner>'), { raw: '<CKRecordID: 0x1; recordName=ABC, zoneID=zone:owner>', recordName: 'ABC', zone: 'zone', owner: 'owner' });
    assert.deepEqual(parseRecordKey('recordName=ABC'), { raw: 'recordName=ABC', recordName: 'ABC', zone: undefined, owner: undefined });
    assert.deepEqual(parseRecordKey('"R:(z:o)"'), { raw: 'R:(z:o)', recordName: 'R', zone: 'z', owner: 'o' });
    assert.deepEqual(parseRecordKey('R:()'), { raw: 'R:()', recordName: 'R', zone: undefined, owner: undefined });
    assert.deepEqual(parseRecordKey('R:(z'), { raw: 'R:(z', recordName: 'R', zone: 'z', owner: undefined });
    assert.deepEqual(parseRecordKey('zone:owner'), { raw: 'zone:owner', zone: 'zone', owner: 'owner' });
    assert.deepEqual(parseRecordKey('  just words '), { raw: 'just words' });
  });

  it('a bare error quoted in prose: its fields up to the first part that is not one', () => {
    const text = 'failed with "Zone Busy" (23/2000); server message = "busy"; Retry after 5 seconds; and then more. Next';
    const view = structuralView(text);
    const e = parseBareCKError({ view, text, consumed: new Set() }, text.indexOf('"Zone'))!;
    assert.deepEqual([e.form, e.code, e.serverCode, e.serverMessage, e.retryAfterSeconds], ['bare', 23, 2000, 'busy', 5]);
    assert.equal(e.end, text.indexOf('; and then'));
    assert.equal(parseBareCKError({ view, text, consumed: new Set() }, 0), undefined);
    const noSemicolon = 'x "Zone Busy" (23) then';
    const b = parseBareCKError({ view: noSemicolon, text: noSemicolon, consumed: new Set() }, 2)!;
    assert.equal(b.end, noSemicolon.indexOf(' then'));
    const gt = '"Zone Busy" (23)> rest';
    assert.equal(parseBareCKError({ view: gt, text: gt, consumed: new Set() }, 0)!.end, gt.indexOf('>'));
    const end = '"Zone Busy" (23)';
    const atEnd = parseBareCKError({ view: end, text: end, consumed: new Set() }, 0)!;
    assert.deepEqual([atEnd.end, atEnd.truncated], [end.length, undefined]);
  });
});
