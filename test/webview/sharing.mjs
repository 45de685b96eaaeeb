// Webview tests of the panel's sharing UI (issue 15), registered by run.mjs: Apple IDs per device, the
// Share form on an object, Accept on the invitee's device, edits in the shared store flowing back to the
// owner, a read-only participant's refused edit with its CloudKit error, and save/reload of such a session.
import assert from 'node:assert/strict';
import { posted, waitFor } from './harness.mjs';

/** `it` registers a test; `t` holds run.mjs's page helpers. */
export function sharingTests(it, t) {
  const { pick, typeInto, createObject, syncUntilIdle, shot, freshPanel, objectsText } = t;
  const text = (page, testid) => page.getByTestId(testid).innerText();

  /**
   * Three devices; C signs in to user2; A (user1) makes a list with one item and shares the list with user2
   * through the Share form; C accepts the invitation. Returns the list's object id.
   */
  async function shareListFromAToC(page, permission) {
    await pick(page, 'device-count', '3');
    await page.waitForSelector('[data-testid="device-C"]');
    await pick(page, 'device-C-user', 'user2');
    await waitFor(async () => /user2/.test(await text(page, 'device-C-status')), { what: 'C signed in to user2' });
    await waitFor(async () => /User 2 \(user2\)\s+iPad/.test(await text(page, 'sharing-users')), { what: 'the users table: user2 on the iPad' });
    await createObject(page, 'A', 'ShoppingList', { name: 'Groceries' });
    const list = await page.locator('[data-testid="device-A-objects"] table[data-entity="ShoppingList"] tbody tr').first().getAttribute('data-object');
    await pick(page, 'device-A-entity', 'Item');
    await typeInto(page, '[data-testid="device-A-form"] vscode-textfield[data-attr="title"]', 'Milk');
    await pick(page, 'form-A-rel-list', list);
    await page.getByTestId('device-A-create').click();
    await syncUntilIdle(page);
    // Share the list (the form invites user2 with the chosen permission).
    await page.locator('[data-testid="device-A-objects"] table[data-entity="ShoppingList"] vscode-button', { hasText: 'Share' }).click();
    const form = page.getByTestId('share-A-form');
    await form.waitFor();
    assert.equal(await page.getByTestId('share-A-user-user1').count(), 0, 'the owner is not offered as an invitee');
    await page.getByTestId('share-A-user-user2').click();
    await pick(page, 'share-A-perm-user2', permission);
    await typeInto(page, '[data-testid="share-A-title"]', 'Groceries');
    await page.getByTestId('share-A-submit').click();
    await waitFor(async () => (await form.count()) === 0, { what: 'the share form closed' });
    assert.equal(await text(page, 'device-A-message'), '', 'no error from share(_:to:)');
    await syncUntilIdle(page);
    const shares = page.getByTestId('server-shares');
    await waitFor(async () => /Groceries/.test(await shares.innerText()), { what: 'the share on the server' });
    const row = shares.locator('tr[data-participant="user2"]');
    assert.match(await row.innerText(), new RegExp(`privateUser\\s+${permission === 'readWrite' ? 'read-write' : 'read-only'}\\s+pending`));
    assert.match(await text(page, 'device-A-share-zones'), /owned, 2 objects/);
    // The invitation shows on user2's device only.
    assert.equal(await page.getByTestId('device-B-accept').count(), 0, 'B is user1: no invitation');
    await page.getByTestId('device-C-accept').click();
    await syncUntilIdle(page);
    await waitFor(async () => /accepted/.test(await row.innerText()), { what: 'user2 accepted' });
    await waitFor(async () => /Milk/.test(await text(page, 'device-C-shared-store')), { what: 'the shared store of C' });
    assert.match(await text(page, 'sharing-users'), /1 zone/, 'user2\'s shared database shows the zone');
    return list;
  }

  async function editSharedMilk(page, title) {
    await page.locator('[data-testid="device-C-shared-store"] tr', { hasText: 'Milk' }).getByTestId('device-C-shared-edit').click();
    await typeInto(page, '[data-testid="device-C-form"] vscode-textfield[data-attr="title"]', title);
    await page.getByTestId('device-C-create').click();
    await waitFor(async () => new RegExp(title).test(await text(page, 'device-C-shared-store')), { what: `${title} on C` });
    await syncUntilIdle(page);
  }

  it('sharing: A (user1) shares a list with C (user2), C accepts and edits, A sees the edit', async ({ browser, url }) => {
    const { page, problems } = await freshPanel(browser, url);
    await shareListFromAToC(page, 'readWrite');
    await editSharedMilk(page, 'Oat milk');
    await waitFor(async () => /Oat milk/.test(await objectsText(page, 'A')), { what: 'C\'s edit on A' });
    await waitFor(async () => /Oat milk/.test(await objectsText(page, 'B')), { what: 'C\'s edit on B (user1\'s other device)' });
    assert.equal(await text(page, 'device-C-share-error'), '', 'no refused share action');
    // The Sharing filter: the share, the acceptance and the shared-store save.
    await pick(page, 'timeline-category', 'sharing');
    await waitFor(async () => /^[1-9]\d* of \d+ events$/.test(await text(page, 'timeline-count')), { what: 'sharing events' });
    const rows = await page.evaluate(() => window.ckSandbox.timelineView.renderedRowTexts());
    assert.ok(rows.some((r) => /accepted by user2/.test(r)), rows.join('\n'));
    assert.ok(rows.some((r) => /share on A: 1 object with user2 \(readWrite\)/.test(r)), rows.join('\n'));
    assert.ok(rows.some((r) => /save on C \(shared store\)/.test(r)), rows.join('\n'));
    assert.ok(rows.every((r) => !/fetch changes \(|dasd/.test(r)), 'only sharing events');
    await page.getByTestId('device-C').scrollIntoViewIfNeeded();
    await shot(page, 'sharing-accept-edit-dark.png');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('sharing: a read-only participant\'s edit is refused with the CloudKit error shown', async ({ browser, url }) => {
    const { page, problems } = await freshPanel(browser, url, { theme: 'light' });
    await shareListFromAToC(page, 'readOnly');
    assert.match(await text(page, 'device-C-share-zones'), /read-only/);
    await editSharedMilk(page, 'Soy milk');
    const error = page.getByTestId('device-C-share-error');
    await waitFor(async () => /refused/.test(await error.innerText()), { what: 'the refusal on C' });
    const shown = await error.innerText();
    assert.match(shown, /Partial Failure" \(2\/1011\)/, shown);
    assert.match(shown, /Permission Failure" \(10\)/, shown);
    assert.match(await text(page, 'device-C-shared-store'), /refused by CloudKit, not synced/);
    assert.doesNotMatch(await objectsText(page, 'A'), /Soy milk/, 'the owner\'s data is unchanged');
    assert.match(await objectsText(page, 'A'), /Milk/);
    await pick(page, 'timeline-category', 'error');
    await waitFor(async () => (await page.evaluate(() => window.ckSandbox.timelineView.renderedRowTexts())).some((r) => /share export failed/.test(r)), { what: 'the failure among the errors' });
    await page.getByTestId('device-C').scrollIntoViewIfNeeded();
    await shot(page, 'sharing-read-only-light.png');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('sharing: a session with sharing saves, reopens and survives a reload with the identical timeline', async ({ browser, url }) => {
    const { page, problems } = await freshPanel(browser, url);
    await shareListFromAToC(page, 'readWrite');
    await editSharedMilk(page, 'Oat milk');
    await waitFor(async () => /Oat milk/.test(await objectsText(page, 'A')), { what: 'C\'s edit on A' });
    const before = (await posted(page, 'rendered')).at(-1);
    const sharesBefore = await text(page, 'server-shares');
    await page.getByTestId('save-session-as').click();
    const saved = await waitFor(() => posted(page, 'saveSession').then((m) => m.at(-1)), { what: 'saveSession' });
    assert.equal(saved.session.version, 2, 'a session with sharing inputs is a version-2 session');
    assert.ok(saved.session.inputs.some((i) => i.type === 'share') && saved.session.inputs.some((i) => i.type === 'acceptShare'));
    assert.ok(saved.session.config.users.some((u) => u.id === 'user2'));
    await page.getByTestId('new-session').click();
    await waitFor(async () => (await page.locator('.device').count()) === 3 && !/Groceries/.test(await text(page, 'server-shares')), { what: 'a new session' });
    await page.evaluate((session) => window.postMessage({ type: 'loadSession', session, fileName: 'sharing.cksandbox.json' }, '*'), saved.session);
    await waitFor(async () => (await text(page, 'session-label')).includes('sharing.cksandbox.json'), { what: 'the opened file' });
    await waitFor(async () => /Oat milk/.test(await text(page, 'device-C-shared-store')), { what: 'the shared store replayed' });
    assert.doesNotMatch(await text(page, 'banner'), /differ|cannot/i);
    const replayed = await waitFor(() => posted(page, 'rendered').then((m) => m.filter((r) => r.events === before.events).at(-1)), { what: 'the same render after replay' });
    assert.deepEqual(replayed, before);
    assert.equal(await text(page, 'server-shares'), sharesBefore);
    await page.waitForTimeout(700); // the webview state is written at most twice a second
    await page.reload();
    await page.waitForSelector('[data-testid="device-C"]');
    await waitFor(async () => /Oat milk/.test(await text(page, 'device-C-shared-store')), { what: 'the shared store after reload' });
    assert.equal(await text(page, 'server-shares'), sharesBefore);
    assert.equal(await page.getByTestId('device-C-user').evaluate((el) => el.value), 'user2');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('sharing: the owner removes a participant and invites another (persistUpdatedShare); the participant list changes', async ({ browser, url }) => {
    const { page, problems } = await freshPanel(browser, url);
    await shareListFromAToC(page, 'readWrite');
    await page.getByTestId('device-A-remove-user2').click();
    await syncUntilIdle(page);
    const shares = page.getByTestId('server-shares');
    await waitFor(async () => !/user2\s+privateUser\s+read-write\s+accepted/.test(await shares.innerText()), { what: 'user2 no longer an accepted participant' });
    await waitFor(async () => !/Milk/.test(await text(page, 'device-C-shared-store')), { what: 'the list gone from C\'s shared store' });
    await page.getByTestId('device-A-invite-user3').click();
    await syncUntilIdle(page);
    await waitFor(async () => /user3\s+privateUser\s+read-only\s+pending/.test(await shares.innerText()), { what: 'user3 invited read-only' });
    await pick(page, 'timeline-category', 'sharing');
    const rows = await waitFor(async () => {
      const r = await page.evaluate(() => window.ckSandbox.timelineView.renderedRowTexts());
      // A pending invitee has not joined yet: only the removal changes who takes part.
      return r.some((x) => /participants: user2 left/.test(x)) && r.filter((x) => /persists the updated share/.test(x)).length === 2 ? r : undefined;
    }, { what: '"user2 left" and both persistUpdatedShare inputs in the timeline' });
    assert.ok(rows.length > 0);
    assert.deepEqual(problems, []);
    await page.close();
  });
}
