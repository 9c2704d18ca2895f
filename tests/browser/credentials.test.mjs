// Credential handoff as a client contact uses it: the 10 MB limit shown and enforced before
// upload, the password's show/hide, sending a file, and afterwards only "sent on <date>",
// never the content. Runs the real gatehouse-portal and drives Debian's Chromium (see
// support/session.mjs).

import assert from 'node:assert/strict';

import { byTestId, findTask, openTask, portalTest, signIn, usePortal, waitForStatus } from './support/session.mjs';

const portal = usePortal();

portalTest(portal, 'hand over credentials: limit, show/hide, file, then only "sent"', async (page) => {
    const uploads = [];
    page.on('request', (request) => {
        if (request.method() === 'POST' && request.url().includes('/credentials')) {
            uploads.push(request.url());
        }
    });
    await signIn(portal, page);
    const task = await findTask(page, (candidate) => candidate.evidenceType === 'credential' && candidate.status !== 'completed');
    assert.ok(task, 'the demo has an open credential task');
    const id = task.id;
    await openTask(page, id);
    await byTestId(page, `credential-${id}`).waitFor({ state: 'visible' });

    // The password is masked until the contact asks to see it.
    const password = byTestId(page, `credential-password-${id}`);
    const toggle = byTestId(page, `credential-password-toggle-${id}`);
    await password.fill('hunter2-but-longer');
    assert.equal(await password.getAttribute('type'), 'password');
    await toggle.click();
    assert.equal(await password.getAttribute('type'), 'text');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    await toggle.click();
    assert.equal(await password.getAttribute('type'), 'password');
    await password.fill('');

    // Bulk mode shows the limit, and a file over it is refused before anything is sent.
    await byTestId(page, `credential-mode-bulk-${id}`).check();
    assert.match(await byTestId(page, `credential-${id}`).textContent(), /up to 10 MB/);
    const file = byTestId(page, `credential-file-${id}`);
    await file.setInputFiles({ name: 'huge.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 1) });
    await byTestId(page, `credential-submit-${id}`).click();
    const alert = byTestId(page, `credential-${id}`).locator('[data-testid="alert"]');
    await alert.waitFor({ state: 'visible' });
    assert.match(await alert.textContent(), /at most 10 MB/);
    assert.deepEqual(uploads, [], 'nothing was uploaded');

    // A small file goes through and completes the task.
    const secret = 'licence-key-PLANTED-7f3a';
    await file.setInputFiles({ name: 'licence.key', mimeType: 'text/plain', buffer: Buffer.from(`${secret}\n`) });
    await byTestId(page, `credential-submit-${id}`).click();
    await waitForStatus(page, id, 'Completed');
    const sent = byTestId(page, `credential-sent-${id}`);
    await sent.waitFor({ state: 'visible' });
    assert.match(await sent.textContent(), /File “licence\.key” \(\d+ bytes\), sent on /);
    assert.equal(await byTestId(page, `credential-submit-${id}`).count(), 0, 'a completed task offers no form');
    assert.ok(!(await page.content()).includes(secret), 'the page never shows what was sent');
    const listed = await page.evaluate(async (taskId) => (await fetch(`/api/v1/tasks/${taskId}/credentials`)).text(), id);
    assert.ok(!listed.includes(secret), 'nor does the API');
    assert.equal(uploads.length, 1);
});
