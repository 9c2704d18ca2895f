// Secure file drops as a client contact uses them: the limit and the expiry said before
// anything is sent, a file dragged onto the drop zone with a progress bar, listed with its
// expiry; another picked and deleted again. What the database holds is ciphertext only.
// Runs the real gatehouse-portal and drives Debian's Chromium (see support/session.mjs).

import assert from 'node:assert/strict';

import { byTestId, eventually, findTask, openTask, portalTest, signIn, sql, usePortal } from './support/session.mjs';

const portal = usePortal();

portalTest(portal, 'drop a file with progress, see it listed with its expiry, delete another', async (page) => {
    // Staff's side, as the console leaves it: a client task asks for a secure file drop and
    // keeps files for 14 days.
    const { taskId } = sql(
        portal,
        [
            "out['taskId'] = db.execute(\"SELECT MAX(id) FROM task WHERE evidence_type = 'standard' AND owner_side = 'client'\").fetchone()[0]",
            "db.execute(\"UPDATE task SET evidence_type = 'file_drop', config = ? WHERE id = ?\", (json.dumps({'expiryDays': 14}), out['taskId']))",
        ].join('\n')
    );
    await signIn(portal, page);
    const task = await findTask(page, (candidate) => candidate.id === taskId);
    await openTask(page, taskId);
    assert.equal(task?.evidenceType, 'file_drop');

    // The limit and the expiry are shown before anything is sent.
    const limits = byTestId(page, `filedrop-limits-${taskId}`);
    await limits.waitFor({ state: 'visible' });
    assert.match(await limits.textContent(), /Up to 100\.0 MB per file.*deleted 14 days after/);

    // Dragged onto the drop zone: 2 MB with a marker, so the stored bytes can be searched.
    await page.evaluate(() => {
        window.progressValues = [];
        new MutationObserver((records) => {
            for (const record of records) {
                if (record.target.matches && record.target.matches('[data-testid="filedrop-progress"] progress')) {
                    window.progressValues.push(Number(record.target.value));
                }
                for (const node of record.addedNodes || []) {
                    if (node.querySelector && node.querySelector('progress')) {
                        window.progressValues.push(Number(node.querySelector('progress').value));
                    }
                }
            }
        }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['value'] });
    });
    const marker = 'Browser-Drop-Marker-Jk5';
    const content = marker + 'x'.repeat(2 * 1024 * 1024) + marker;
    const zone = byTestId(page, `filedrop-zone-${taskId}`);
    const dataTransfer = await page.evaluateHandle((text) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([text], 'ledger 2026.csv', { type: 'text/csv' }));
        return transfer;
    }, content);
    await zone.dispatchEvent('dragover', { dataTransfer });
    await zone.dispatchEvent('drop', { dataTransfer });
    const files = byTestId(page, `filedrop-files-${taskId}`);
    await eventually('the dropped file to be listed', async () => {
        const text = await files.textContent().catch(() => '');
        return text.includes('ledger 2026.csv') && text.includes('Waiting for your provider') && text.includes('kept until');
    });
    const progress = await page.evaluate(() => window.progressValues);
    assert.ok(progress.length > 0, 'a progress bar was shown while sending');
    assert.equal(Math.max(...progress), 100, 'the progress bar reached 100');
    await eventually('the task to show Completed', async () =>
        (await byTestId(page, `task-status-${taskId}`).textContent()).trim() === 'Completed'
    );

    // Staff's side: a drop of that size, and no trace of the plaintext in what is stored.
    const stored = sql(
        portal,
        [
            "out['drops'] = db.execute('SELECT file_name, file_size, expires_at - created_at FROM file_drop WHERE task_id = ?', (args[0],)).fetchall()",
            "out['plain'] = db.execute('SELECT COUNT(*) FROM file_chunk WHERE instr(data, ?) > 0', (args[1].encode(),)).fetchone()[0]",
            "out['chunks'] = db.execute('SELECT COUNT(*) FROM file_chunk c JOIN file_drop d ON d.file_id = c.file_id').fetchone()[0]",
        ].join('\n'),
        taskId,
        marker
    );
    assert.deepEqual(stored.drops, [['ledger 2026.csv', content.length, 14 * 24 * 60 * 60 * 1000]]);
    assert.ok(stored.chunks >= 8, 'the file was stored in encrypted frames');
    assert.equal(stored.plain, 0, 'no stored chunk holds the plaintext');

    // Another file, picked; then deleted again before staff downloaded it.
    await byTestId(page, `filedrop-input-${taskId}`).setInputFiles({
        name: 'wrong-file.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('sent by mistake'),
    });
    await eventually('the second file to be listed', async () => (await files.textContent()).includes('wrong-file.txt'));
    await files.locator('li', { hasText: 'wrong-file.txt' }).getByRole('button', { name: 'Delete wrong-file.txt' }).click();
    await eventually('wrong-file.txt to be gone', async () => !(await files.textContent()).includes('wrong-file.txt'));
    assert.ok((await files.textContent()).includes('ledger 2026.csv'), 'the other file stays');
    const after = sql(
        portal,
        "out['rows'] = db.execute('SELECT file_name, file_id IS NULL, deleted_at IS NOT NULL FROM file_drop WHERE task_id = ? ORDER BY id', (args[0],)).fetchall()",
        taskId
    );
    assert.deepEqual(after.rows, [
        ['ledger 2026.csv', 0, 0],
        ['wrong-file.txt', 1, 1],
    ]);
});
