import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readSyncLog, SyncLogReader } from '../../../src/core/logs/reader';

/**
 * One hand-written line (or event) per log shape of reference/sync-logs.md §1. The `log stream` column
 * layouts are unverified there, so these fixtures follow the documented column order.
 */
const SETUP_FAILED = 'CoreData+CloudKit: -[NSCloudKitMirroringDelegate _performSetupRequest:]_block_invoke(1242): <NSCloudKitMirroringDelegate: 0x600003d082d0>: Failed to set up CloudKit integration for store: <NSSQLCore: 0x103604b80> (URL: file:///tmp/ShoppingList.sqlite)';
const QUOTA = '<CKError 0x282c155f0: "Quota Exceeded" (25/2035); server message = "Quota exceeded"; op = FC4D3188D0A46ABC; Retry after 315.0 seconds>';
const FIELD = `<CKError 0x281459560: "Invalid Arguments" (12/2006); server message = "Cannot create or modify field 'CD_isChecked' in record 'CD_Item' in production schema"; container ID = "iCloud.com.example.ShoppingList">`;

describe('sync logs: each log format', () => {
  it('log stream / log show, default style: columns, process, pid, subsystem; continuation lines join the event', () => {
    const text = [
      'Filtering the log data using "subsystem == \\"com.apple.coredata\\""',
      'Timestamp                       Thread     Type        Activity             PID    TTL  ',
      `2026-12-05 10:00:00.123456+0100 0x2a4f1    Error       0x0                  4242   0    ShoppingList: (CoreData) [com.apple.coredata:cloudkit] ${SETUP_FAILED}`,
      FIELD,
      `2026-12-05 10:00:01.000000+0100 0x2a4f1    Default     0x0                  4242   0    ShoppingList: (CoreData) [com.apple.coredata:cloudkit] CoreData: CloudKit: CoreData+CloudKit: -[NSCloudKitMirroringDelegate _scheduleAutomatedExportWithLabel:activity:completionHandler:](3364): <NSCloudKitMirroringDelegate: 0x6000>: Beginning automated export - ExportActivity:`,
    ].join('\n');
    const r = readSyncLog(text);
    assert.deepEqual(r.formats, { 'log-stream-default': 2 });
    assert.equal(r.errors.length, 1);
    const e = r.errors[0];
    assert.equal(e.kind.id, 'production-schema');
    assert.deepEqual([e.header.process, e.header.pid, e.header.subsystem, e.header.category, e.header.level], ['ShoppingList', 4242, 'com.apple.coredata', 'cloudkit', 'error']);
    assert.deepEqual(e.range.start, { line: 3, character: 0 });
    assert.deepEqual([e.recordType, e.field, e.container], ['CD_Item', 'CD_isChecked', 'iCloud.com.example.ShoppingList']);
    assert.deepEqual(r.events.map((x) => x.kind), ['setup-failed', 'export-begin']);
    assert.equal(r.events[1].label, 'ExportActivity');
  });

  it('--style compact: type abbreviation and process[pid:tid]', () => {
    const r = readSyncLog(`2026-12-05 10:00:00.123 E  ShoppingList[4242:2a4f1] [com.apple.coredata:cloudkit] CoreData+CloudKit: export failed: ${QUOTA}\n`);
    assert.deepEqual(r.formats, { 'log-stream-compact': 1 });
    const e = r.errors[0];
    assert.deepEqual([e.header.process, e.header.pid, e.header.level], ['ShoppingList', 4242, 'error']);
    assert.equal(e.kind.id, 'quota-exceeded');
    assert.equal(e.retryAfterSeconds, 315);
    const col = `2026-12-05 10:00:00.123 E  ShoppingList[4242:2a4f1] [com.apple.coredata:cloudkit] CoreData+CloudKit: export failed: `.length;
    assert.deepEqual(e.range, { start: { line: 0, character: col }, end: { line: 0, character: col + QUOTA.length } });
  });

  it('--style ndjson: one object a line, message in eventMessage, range on the line', () => {
    const ev = (message: string, type: string) => JSON.stringify({ timestamp: '2026-12-05 10:00:00.123456+0100', messageType: type, processImagePath: '/Applications/ShoppingList.app/ShoppingList', processID: 4242, subsystem: 'com.apple.coredata', category: 'cloudkit', eventMessage: message });
    const lines = [ev('CoreData+CloudKit: Beginning automated import - ImportActivity - in response to activity', 'Default'), ev(`CoreData+CloudKit: ${QUOTA}`, 'Error')];
    const r = readSyncLog(lines.join('\n') + '\n');
    assert.deepEqual(r.formats, { json: 2 });
    assert.equal(r.errors[0].kind.id, 'quota-exceeded');
    assert.deepEqual(r.errors[0].range, { start: { line: 1, character: 0 }, end: { line: 1, character: lines[1].length } });
    assert.deepEqual([r.errors[0].header.process, r.errors[0].header.pid, r.errors[0].header.level], ['ShoppingList', 4242, 'error']);
    assert.equal(r.events[0].kind, 'import-begin');
  });

  it('--style json: a pretty-printed array of objects; the range is the eventMessage line', () => {
    const text = `[{\n  "timestamp" : "2026-12-05 10:00:00.123456+0100",\n  "eventMessage" : ${JSON.stringify(`CoreData+CloudKit: ${FIELD}`)},\n  "processID" : 4242\n},{\n  "eventMessage" : "CoreData+CloudKit: Told to tear down with reason: Store Removed",\n  "processID" : 4242\n}]\n`;
    const r = readSyncLog(text);
    assert.deepEqual(r.formats, { json: 2 });
    assert.deepEqual(r.errors.map((e) => [e.kind.id, e.range.start.line]), [['production-schema', 2], ['store-torn-down', 5]]);
    assert.equal(r.notes.length, 0);
  });

  it('Xcode console: `CoreData: error:` and NSLog-style prefixes', () => {
    const r = readSyncLog([
      `CoreData: error: ${SETUP_FAILED}`,
      'Error Domain=NSCocoaErrorDomain Code=134400 "Unable to initialize without an iCloud account (CKAccountStatusNoAccount)." UserInfo={NSLocalizedFailureReason=Unable to initialize without an iCloud account (CKAccountStatusNoAccount).}',
      `2026-12-05 10:00:00.693458+0000 ShoppingList[15418:1560373] save failed: ${QUOTA}`,
    ].join('\n'));
    assert.deepEqual(r.formats, { 'xcode-console': 2 });
    assert.deepEqual(r.errors.map((e) => [e.kind.id, e.range.start.line]), [['no-icloud-account', 1], ['quota-exceeded', 2]]);
    assert.equal(r.errors[1].header.pid, 15418);
  });

  it('sysdiagnose as the technotes print it: level, elided columns, time, process; wrapped message', () => {
    const r = readSyncLog('default  … 14:14:16.621530 …  ShoppingList  CloudKit: CoreData+CloudKit: \n-[NSCloudKitMirroringDelegate _scheduleAutomatedExportWithLabel:activity:voucher:completionHandler:](3633):\n - Beginning automated export - ExportActivity:\n\ndefault  … 14:14:16.656785 …  ShoppingList  CloudKit: CoreData+CloudKit: \n-[NSCloudKitMirroringDelegate _finishedRequest:withResult:](3542): \nFinished request:  EAD940DB-330A-4DDF-9892-41286F9FE95A \nwith result:  storeIdentifier: … \nsuccess: 1 madeChanges: 0 error: (null)\n');
    assert.deepEqual(r.formats, { sysdiagnose: 2 });
    assert.deepEqual(r.events.map((e) => [e.kind, e.process, e.timestamp]), [['export-begin', 'ShoppingList', '14:14:16.621530'], ['request-finished', 'ShoppingList', '14:14:16.656785']]);
    assert.deepEqual(r.sessions[0].activities.map((a) => [a.kind, a.success]), [['export', true]]);
  });

  it('forum pastes: `> ` quotes and bullets are stripped; ranges point past them', () => {
    const second = `> server message = "Cannot create or modify field 'CD_isChecked' in record 'CD_Item' in production schema">`;
    const r = readSyncLog(`> <CKError 0x281459560: "Invalid Arguments" (12/2006);\n${second}\n\n* <CKError 0x1: "Zone Not Found" (26/2036)>\n`);
    assert.deepEqual(r.errors.map((e) => [e.kind.id, e.range.start]), [['production-schema', { line: 0, character: 2 }], ['zone-not-found', { line: 3, character: 2 }]]);
    assert.deepEqual(r.errors[0].range.end, { line: 1, character: second.length });
  });

  it('a description cut by the paste is read as far as it goes and marked truncated', () => {
    const r = readSyncLog('Error saving: <CKError 0x600003c877b0: "Bad Container" (5/1014); "Couldn\'t get container configuration from the server for container');
    assert.equal(r.errors[0].kind.id, 'bad-container');
    assert.equal(r.errors[0].root.truncated, true);
    assert.match(r.errors[0].root.description ?? '', /^Couldn't get container configuration/);
  });

  it('the same report whatever the chunking and line endings (seeded property)', () => {
    const text = [`CoreData: error: ${SETUP_FAILED}`, FIELD, '', `2026-12-05 10:00:00.123 E  ShoppingList[4242:2a4f1] [com.apple.coredata:cloudkit] ${QUOTA}`, '> Told to tear down with reason: Store Removed'].join('\n');
    const expected = JSON.stringify(readSyncLog(text));
    fc.assert(fc.property(fc.array(fc.nat(text.length), { maxLength: 12 }), fc.boolean(), (cuts, crlf) => {
      const t = crlf ? text.replace(/\n/g, '\r\n') : text;
      const points = [...new Set(cuts.map((c) => Math.min(c, t.length)))].sort((a, b) => a - b);
      const reader = new SyncLogReader();
      let at = 0;
      for (const p of points) { reader.push(t.slice(at, p)); at = p; }
      reader.push(t.slice(at));
      const got = reader.finish();
      const strip = (r: unknown) => JSON.stringify(r, (k, v) => (k === 'span' || k === 'offset' ? undefined : v));
      assert.equal(strip(got), strip(JSON.parse(expected)));
    }), { seed: 1405, numRuns: 60 });
  });
});
