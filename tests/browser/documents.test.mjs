// Documents as a client contact handles them: uploading with progress, taking one back.
// Runs the real gatehouse-portal and drives Debian's Chromium (see support/session.mjs).

import assert from 'node:assert/strict';
import crypto from 'node:crypto';

import { byTestId, eventually, findTask, openTask, portalTest, signIn, sql, usePortal } from './support/session.mjs';

const portal = usePortal();

// What staff see of the uploads: the rows in the database the console reads.
function uploadedFilesInDatabase(taskId) {
    return sql(
        portal,
        "out['rows'] = db.execute('SELECT f.name, f.sha256, tf.review_state FROM task_file tf JOIN stored_file f "
            + "ON f.id = tf.file_id WHERE tf.task_id = ? ORDER BY tf.id', (args[0],)).fetchall()",
        taskId
    ).rows;
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
