import { check, eventsOf } from '../helpers';
import type { Scenario } from '../types';
import { GROCERIES, SHARE_ID, sharingConfig } from './common';

export const shareRecordTooLarge: Scenario = {
  name: 'share-record-too-large',
  title: 'A share record over 1 MB: "Called about a failure to save a share ... record too large"',
  referenceNumber: 26,
  explanation: 'The cloudkit.share record is saved like any record and limited to 1 MB. A share whose thumbnail image data makes it '
    + 'too big fails with Limit Exceeded 27/2023 "record too large", which NSPCKC logs as TN3164 shows; the objects are in the share '
    + 'zone but the share never reaches the server, so invitees cannot accept it. Keep the share small.',
  source: 'TN3164 (log "Called about a failure to save a share: <CKRecordID … recordName=cloudkit.zoneshare …> - Limit Exceeded (27/2023) record too large"); CKShare docs (keep the share small)',
  config: sharingConfig(),
  steps: [
    ...GROCERIES,
    { type: 'share', device: 'A', objects: ['LIST-1'], shareId: SHARE_ID, title: 'Groceries', thumbnailBytes: 1_200_000, participants: [{ user: 'bob', permission: 'readWrite' }] },
    { type: 'runUntilIdle' },
    { type: 'acceptShare', device: 'C', share: SHARE_ID },
    { type: 'runUntilIdle' },
  ],
  check: (run) => {
    const f = eventsOf(run, 'share.failed', 'A', (e) => e.action === 'persistUpdatedShare')[0];
    const accept = eventsOf(run, 'share.failed', 'C', (e) => e.action === 'accept')[0];
    return [
      check('the share save failed with TN3164\'s log text', f !== undefined && f.message.startsWith('Called about a failure to save a share: <CKRecordID: 0x0; recordName=cloudkit.zoneshare, zoneID=com.apple.coredata.cloudkit.share.')
        && f.message.includes('"Limit Exceeded" (27/2023)') && f.message.includes('server message = "record too large"'), f?.message),
      check('the share is not on the server', run.sandbox.inspectSharing().shares[0]?.changeTag === null),
      check('Bob cannot accept it', accept?.error?.code === 11, JSON.stringify(accept?.error)),
    ];
  },
};
