// Documents, approvals and signatures as a client contact handles them: uploading with
// progress, requesting changes to an approval, signing on the pad. Runs the real
// gatehouse-portal and drives Debian's Chromium (see support/session.mjs).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { listMail, mailboxDir } from './support/mailbox.mjs';
import { byTestId, eventually, findTask, openTask, portalTest, signIn, usePortal } from './support/session.mjs';

const portal = usePortal();

// What staff see of the uploads: the rows in the database the console reads.
function uploadedFilesInDatabase(taskId) {
    const script = [
        'import sqlite3, sys, json',
        'db = sqlite3.connect(sys.argv[1])',
        'rows = db.execute("SELECT f.name, f.sha256, tf.review_state FROM task_file tf JOIN stored_file f '
            + 'ON f.id = tf.file_id WHERE tf.task_id = ? ORDER BY tf.id", (int(sys.argv[2]),)).fetchall()',
        'print(json.dumps(rows))',
    ].join('\n');
    const output = execFileSync('python3', ['-c', script, path.join(portal.dataDir, 'gatehouse.sqlite'), String(taskId)]);
    return JSON.parse(output.toString());
}

portalTest(portal, 'upload documents with progress, see them waiting for review', async (page) => {
    const kindRequests = [];
    page.on('request', (request) => {
        if (/\/api\/v1\/tasks\/\d+\/[a-z]/.test(request.url())) {
            kindRequests.push(request.url());
        }
    });
    await signIn(portal, page);
    const task = await findTask(page, (candidate) => candidate.evidenceType === 'upload' && candidate.ownerSide === 'client');
    assert.ok(task, 'the demo onboarding asks the client for documents');
    // Task views are built when opened: the home page asked for no kind's data.
    assert.equal(await byTestId(page, `upload-limits-${task.id}`).count(), 0);
    assert.deepEqual(kindRequests, [], 'no task view loaded before it was opened');
    await openTask(page, task.id);
    assert.equal(await byTestId(page, `task-open-${task.id}`).getAttribute('aria-expanded'), 'true');

    // The limits are shown before anything is sent.
    const limits = byTestId(page, `upload-limits-${task.id}`);
    await limits.waitFor({ state: 'visible' });
    assert.match(await limits.textContent(), /PDF documents.*Up to 25\.0 MB per file/);

    // A file whose bytes do not match its name is refused with the reason.
    await byTestId(page, `upload-input-${task.id}`).setInputFiles({
        name: 'contract.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('just some text, not a PDF at all'),
    });
    const refusal = byTestId(page, `upload-${task.id}`).locator('[role="alert"]');
    await refusal.waitFor({ state: 'visible' });
    assert.match(await refusal.textContent(), /do not match its name/);

    // Two real files at once, with a progress bar each.
    await page.evaluate(() => {
        window.sawProgress = false;
        new MutationObserver(() => {
            if (document.querySelector('[data-testid="upload-progress"] progress')) {
                window.sawProgress = true;
            }
        }).observe(document.body, { childList: true, subtree: true });
    });
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n% network plan\n'), Buffer.alloc(3 * 1024 * 1024, 0x20), Buffer.from('\n%%EOF\n')]);
    const png = Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
        'base64'
    );
    await byTestId(page, `upload-input-${task.id}`).setInputFiles([
        { name: 'Network plan.pdf', mimeType: 'application/pdf', buffer: pdf },
        { name: 'rack.png', mimeType: 'image/png', buffer: png },
    ]);
    await eventually('both files listed as waiting for review', async () => {
        const text = await byTestId(page, `upload-files-${task.id}`).textContent().catch(() => '');
        return text.includes('Network plan.pdf') && text.includes('rack.png') && text.split('Waiting for review').length === 3;
    });
    assert.ok(await page.evaluate(() => window.sawProgress), 'a progress bar was shown while uploading');
    assert.equal((await byTestId(page, `task-status-${task.id}`).textContent()).trim(), 'In progress');
    await eventually('the Documents section to say so', async () =>
        (await byTestId(page, `document-state-${task.id}`).textContent()).includes('Waiting for review')
    );

    // Staff see exactly these bytes.
    const rows = uploadedFilesInDatabase(task.id);
    assert.deepEqual(rows, [
        ['Network plan.pdf', crypto.createHash('sha256').update(pdf).digest('hex'), 'uploaded'],
        ['rack.png', crypto.createHash('sha256').update(png).digest('hex'), 'uploaded'],
    ]);

    // The contact takes one back.
    const pngRow = byTestId(page, `upload-files-${task.id}`).locator('li', { hasText: 'rack.png' });
    await pngRow.getByRole('button', { name: 'Remove rack.png' }).click();
    await eventually('rack.png to be gone', async () =>
        !(await byTestId(page, `upload-files-${task.id}`).textContent()).includes('rack.png')
    );
    assert.equal(uploadedFilesInDatabase(task.id).length, 1);
});

portalTest(portal, 'request changes to an approval with a reason', async (page) => {
    await signIn(portal, page);
    const task = await findTask(page, (candidate) => candidate.evidenceType === 'approval' && candidate.ownerSide === 'client');
    assert.ok(task, 'the demo onboarding asks the client for an approval');
    await openTask(page, task.id);

    // Without a reason the request is refused in the page.
    await byTestId(page, `approval-reject-${task.id}`).click();
    const alert = byTestId(page, `approval-${task.id}`).locator('[role="alert"]');
    await alert.waitFor({ state: 'visible' });
    assert.match(await alert.textContent(), /what should change/);

    await byTestId(page, `approval-comment-${task.id}`).fill('Please <i>avoid</i> a Friday go-live');
    await byTestId(page, `approval-reject-${task.id}`).click();
    await eventually('the task to show Blocked', async () =>
        (await byTestId(page, `task-status-${task.id}`).textContent()).trim() === 'Blocked'
    );
    const history = byTestId(page, `approval-history-${task.id}`);
    await eventually('the decision in the history', async () =>
        (await history.textContent()).includes('Changes requested by')
    );
    assert.ok((await history.textContent()).includes('Please <i>avoid</i> a Friday go-live'), 'the comment is shown as text');
    assert.equal(await byTestId(page, `approval-approve-${task.id}`).count(), 0, 'no second answer while blocked');
});

portalTest(portal, 'sign on the pad with pointer strokes, get the certificate', async (page) => {
    await signIn(portal, page);
    const task = await findTask(page, (candidate) => candidate.evidenceType === 'signature' && candidate.ownerSide === 'client');
    assert.ok(task, 'the demo onboarding asks the client for a signature');
    await openTask(page, task.id);

    // The document comes first: here the task's own text.
    const document = byTestId(page, `signature-document-${task.id}`);
    await document.waitFor({ state: 'visible' });
    assert.ok((await document.textContent()).includes(task.title));

    // An empty pad is refused in the page.
    await byTestId(page, `signature-name-${task.id}`).fill('Jordan Client');
    await byTestId(page, `signature-consent-${task.id}`).check();
    await byTestId(page, `signature-submit-${task.id}`).click();
    const alert = byTestId(page, `signature-${task.id}`).locator('[role="alert"]');
    await alert.waitFor({ state: 'visible' });
    assert.match(await alert.textContent(), /pad is empty/);

    // A signature drawn with the mouse: pointer events on the canvas.
    const pad = byTestId(page, `signature-pad-${task.id}`);
    await pad.scrollIntoViewIfNeeded();
    const box = await pad.boundingBox();
    await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.6);
    await page.mouse.down();
    for (let step = 1; step <= 20; ++step) {
        await page.mouse.move(box.x + box.width * (0.1 + step * 0.035), box.y + box.height * (0.6 - 0.3 * Math.sin(step / 3)));
    }
    await page.mouse.up();
    await byTestId(page, `signature-submit-${task.id}`).click();

    const certificate = byTestId(page, 'signature-certificate');
    await certificate.waitFor({ state: 'visible' });
    await eventually('the task to show Completed', async () =>
        (await byTestId(page, `task-status-${task.id}`).textContent()).trim() === 'Completed'
    );
    const [download] = await Promise.all([page.waitForEvent('download'), certificate.click()]);
    const pdf = fs.readFileSync(await download.path());
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-', 'the certificate is a PDF');

    // Staff have the signature with its evidence, and both sides got the certificate by mail.
    const script = [
        'import sqlite3, sys, json',
        'db = sqlite3.connect(sys.argv[1])',
        'print(json.dumps(db.execute("SELECT signer_name, method, length(image) > 1000, ip, evidence_sha256 '
            + 'FROM task_signature WHERE task_id = ?", (int(sys.argv[2]),)).fetchall()))',
    ].join('\n');
    const rows = JSON.parse(execFileSync('python3', ['-c', script, path.join(portal.dataDir, 'gatehouse.sqlite'), String(task.id)]).toString());
    assert.equal(rows.length, 1);
    assert.deepEqual(rows[0].slice(0, 4), ['Jordan Client', 'drawn', 1, '127.0.0.1']);
    assert.match(rows[0][4], /^[0-9a-f]{64}$/);
    const certificateMails = () =>
        listMail(portal.dataDir)
            .map((name) => fs.readFileSync(path.join(mailboxDir(portal.dataDir), name), 'utf8'))
            .filter((mail) => /^Subject: .*Signed/m.test(mail) && mail.includes('application/pdf'));
    await eventually('the certificate mailed to the signer and to staff', async () => certificateMails().length >= 2, 20000);
});
