// Stored XSS, as a client contact could try it: script payloads planted in every text a
// contact writes that the portal shows back (completion note, comment, question, form answers,
// approval reason, typed signature name, names of uploaded, dropped and handed-over files).
// After a reload every place shows them as text: nothing ran (window.__xss stays unset, no
// dialog, no CSP violation), no element came from them, staff get them as typed, and the mails
// staff receive escape them in their HTML part.
// Runs the real gatehouse-portal and drives Debian's Chromium (see support/session.mjs).

import assert from 'node:assert/strict';

import { readMailbox } from './support/mailbox.mjs';
import {
    byTestId,
    eventually,
    findTask,
    openTask,
    portalTest,
    signIn,
    sql,
    usePortal,
    waitForStatus,
} from './support/session.mjs';

const PAYLOADS = [
    '<img src=x onerror=window.__xss=1>',
    '<script>window.__xss=1</script>',
    '"><svg onload=window.__xss=1>',
    'javascript:window.__xss=1',
];
// Each place gets its own copy, so a value shown in the wrong place is noticed too; "%1 %2"
// catches placeholders filled twice on the way.
function planted(where) {
    return `${where} ${PAYLOADS.join(' ')} %1 %2`;
}
// A file name cannot hold "/": the same payloads without the closing tag.
function plantedFileName(where, extension) {
    return `${where} ${PAYLOADS[0]} ${PAYLOADS[2]} ${PAYLOADS[3]} %1${extension}`;
}

const portal = usePortal();

function escapeHtml(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// Nothing ran and nothing became markup: no flag, no element carrying an event handler, no
// image or svg made from a payload.
async function assertNothingRan(page) {
    assert.equal(await page.evaluate(() => window.__xss), undefined, 'no payload ran');
    const injected = await page.evaluate(
        () => document.querySelectorAll('[onerror], [onload], img[src="x"], script:not([src])').length
    );
    assert.equal(injected, 0, 'no element was made from a payload');
}

async function textOf(locator) {
    return (await locator.textContent()) ?? '';
}

async function openComments(page, taskId) {
    const toggle = byTestId(page, `comments-toggle-${taskId}`);
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') {
        await toggle.click();
    }
}

// The HTML part of each mail escapes the value; the plain text part carries it as typed.
function assertMailEscapes(mails, value) {
    assert.ok(mails.length > 0, 'there is a mail to look at');
    for (const mail of mails) {
        const html = mail.parts.filter((part) => part.type === 'text/html').map((part) => part.text).join('\n');
        const plain = mail.parts.filter((part) => part.type === 'text/plain').map((part) => part.text).join('\n');
        assert.ok(html.includes(escapeHtml(value)), `the HTML of "${mail.subject}" to ${mail.address} holds the value escaped`);
        for (const payload of PAYLOADS.slice(0, 3)) {
            assert.ok(!html.includes(payload), `the HTML of "${mail.subject}" holds no raw ${payload}`);
        }
        assert.ok(plain.includes(value), `the text of "${mail.subject}" holds the value as typed`);
    }
}

portalTest(portal, 'payloads in notes, comments, questions, forms, approvals and signatures stay text', async (page) => {
    await signIn(portal, page);
    const find = (kind) => findTask(page, (task) => task.evidenceType === kind && task.ownerSide === 'client' && task.status === 'pending');
    const standard = await find('standard');
    const form = await find('form');
    const approval = await find('approval');
    const signature = await find('signature');
    const values = {
        note: planted('note'),
        comment: planted('comment'),
        question: planted('question'),
        offices: planted('offices'),
        notes: planted('notes'),
        reason: planted('reason'),
        signer: planted('signer'),
    };

    // A standard task completed with a note.
    await byTestId(page, `task-complete-${standard.id}`).click();
    await byTestId(page, `task-note-${standard.id}`).fill(values.note);
    await byTestId(page, `task-submit-${standard.id}`).click();
    await waitForStatus(page, standard.id, 'Completed');

    // A comment on the form task.
    await openComments(page, form.id);
    await byTestId(page, `comment-input-${form.id}`).fill(values.comment);
    await byTestId(page, `comment-send-${form.id}`).click();
    await eventually('the comment listed', async () => (await textOf(byTestId(page, `comments-list-${form.id}`))).includes(values.comment));

    // A question for the provider.
    const questionsBefore = readMailbox(portal.dataDir).length;
    await byTestId(page, 'question-input').fill(values.question);
    await byTestId(page, 'question-send').click();
    await eventually('the question listed', async () => (await textOf(byTestId(page, 'questions-list'))).includes(values.question));

    // The questionnaire: a javascript: address is refused by the server, text answers kept.
    await openTask(page, form.id);
    await byTestId(page, `form-save-${form.id}`).waitFor({ state: 'visible' });
    await byTestId(page, 'field-employees').fill('12');
    await byTestId(page, 'field-offices').fill(values.offices);
    await byTestId(page, 'field-microsoft365-yes').check();
    await byTestId(page, 'field-backup').selectOption('A cloud service');
    await byTestId(page, 'field-it_email').fill('it@example.com');
    await byTestId(page, 'field-website').fill(PAYLOADS[3]);
    await byTestId(page, 'field-notes').fill(values.notes);
    await byTestId(page, `form-save-${form.id}`).click();
    await byTestId(page, 'field-error-website').waitFor({ state: 'visible' });
    assert.ok((await textOf(byTestId(page, 'field-error-website'))).length > 0, 'the address is refused with a reason');
    await byTestId(page, 'field-website').fill('');
    await byTestId(page, `form-save-${form.id}`).click();
    await byTestId(page, `form-saved-${form.id}`).waitFor({ state: 'visible' });
    await byTestId(page, `form-submit-${form.id}`).click();
    await waitForStatus(page, form.id, 'Completed');

    // Changes requested on the approval.
    await openTask(page, approval.id);
    await byTestId(page, `approval-comment-${approval.id}`).fill(values.reason);
    await byTestId(page, `approval-reject-${approval.id}`).click();
    await waitForStatus(page, approval.id, 'Blocked');

    // A signature with a typed name.
    await openTask(page, signature.id);
    await byTestId(page, `signature-type-${signature.id}`).click();
    await byTestId(page, `signature-name-${signature.id}`).fill(values.signer);
    assert.equal(await textOf(byTestId(page, `signature-${signature.id}`).locator('.signature__typed')), values.signer);
    await byTestId(page, `signature-consent-${signature.id}`).check();
    await byTestId(page, `signature-submit-${signature.id}`).click();
    await waitForStatus(page, signature.id, 'Completed');
    await assertNothingRan(page);

    // Reloaded: every place shows its value as text.
    await page.reload();
    await byTestId(page, 'progress').first().waitFor({ state: 'visible' });
    assert.ok((await textOf(byTestId(page, `task-${standard.id}`).locator('.task__note'))).includes(values.note), 'the note');
    await openComments(page, form.id);
    await eventually('the comment after reload', async () => (await textOf(byTestId(page, `comments-list-${form.id}`))).includes(values.comment));
    await eventually('the question after reload', async () => (await textOf(byTestId(page, 'questions-list'))).includes(values.question));
    await openTask(page, form.id);
    await eventually('the submitted answers', async () => {
        const shown = await textOf(byTestId(page, `form-${form.id}`));
        return shown.includes(values.offices) && shown.includes(values.notes);
    });
    await openTask(page, approval.id);
    await eventually('the reason in the history', async () =>
        (await textOf(byTestId(page, `approval-history-${approval.id}`).locator('.comment__body'))) === values.reason
    );
    await openTask(page, signature.id);
    await eventually('the signer in the signed view', async () =>
        (await textOf(byTestId(page, `signature-${signature.id}`))).includes(`Signed by ${values.signer} on `)
    );
    await assertNothingRan(page);

    // Staff get each value exactly as typed (no escaping on the way in to be undone later).
    const stored = sql(
        portal,
        [
            "out['note'] = db.execute('SELECT completion_note FROM task WHERE id = ?', (args[0],)).fetchone()[0]",
            "out['comment'] = db.execute('SELECT body FROM task_comment WHERE task_id = ?', (args[1],)).fetchone()[0]",
            "out['question'] = db.execute('SELECT body FROM question').fetchone()[0]",
            "answers = json.loads(db.execute('SELECT answers FROM form_entry WHERE task_id = ?', (args[1],)).fetchone()[0])",
            "out['offices'] = answers['offices']",
            "out['notes'] = answers['notes']",
            "out['reason'] = db.execute('SELECT comment FROM task_decision WHERE task_id = ?', (args[2],)).fetchone()[0]",
            "out['signer'] = db.execute('SELECT signer_name FROM task_signature WHERE task_id = ?', (args[3],)).fetchone()[0]",
        ].join('\n'),
        standard.id,
        form.id,
        approval.id,
        signature.id
    );
    assert.deepEqual(stored, values);

    // The mails to staff: the question, and the signature certificate (to staff and signer).
    await eventually('the question and certificate mails', async () => readMailbox(portal.dataDir).length >= questionsBefore + 3, 20000);
    const mails = readMailbox(portal.dataDir);
    const questionMails = mails.filter((mail) => mail.subject.startsWith('Question from'));
    assert.deepEqual(questionMails.map((mail) => mail.address), ['demo.admin@example.com']);
    assertMailEscapes(questionMails, values.question);
    const certificateMails = mails.filter((mail) => mail.subject === `Signed: ${signature.title}`);
    assert.equal(certificateMails.length, 2);
    assertMailEscapes(certificateMails, values.signer);
});

portalTest(portal, 'file names with payloads stay text: uploads, file drops, credentials', async (page) => {
    await signIn(portal, page);
    const find = (kind) => findTask(page, (task) => task.evidenceType === kind && task.ownerSide === 'client' && task.status === 'pending');
    const upload = await find('upload');
    const drop = await find('file_drop');
    const credential = await find('credential');
    const names = {
        upload: plantedFileName('upload', '.png'),
        drop: plantedFileName('drop', '.txt'),
        credential: plantedFileName('credential', '.key'),
    };
    // The portal keeps the name of a file it serves back without double quotes
    // (DocumentService::cleanFileName), so it can go into a Content-Disposition header as it is;
    // a credential file is never served back and keeps its name.
    const shown = { upload: names.upload.replace(/"/g, ''), drop: names.drop.replace(/"/g, ''), credential: names.credential };
    const png = Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
        'base64'
    );

    await openTask(page, upload.id);
    await byTestId(page, `upload-input-${upload.id}`).setInputFiles({ name: names.upload, mimeType: 'image/png', buffer: png });
    await eventually('the upload listed', async () => (await textOf(byTestId(page, `upload-files-${upload.id}`))).includes(shown.upload));

    await openTask(page, drop.id);
    await byTestId(page, `filedrop-input-${drop.id}`).setInputFiles({ name: names.drop, mimeType: 'text/plain', buffer: Buffer.from('ledger\n') });
    await eventually('the drop listed', async () => (await textOf(byTestId(page, `filedrop-files-${drop.id}`))).includes(shown.drop));

    await openTask(page, credential.id);
    await byTestId(page, `credential-mode-bulk-${credential.id}`).check();
    await byTestId(page, `credential-file-${credential.id}`).setInputFiles({ name: names.credential, mimeType: 'text/plain', buffer: Buffer.from('key\n') });
    await byTestId(page, `credential-submit-${credential.id}`).click();
    await waitForStatus(page, credential.id, 'Completed');
    await assertNothingRan(page);

    // Reloaded: the names in the task views and in the Documents section, as text.
    await page.reload();
    await byTestId(page, 'progress').first().waitFor({ state: 'visible' });
    for (const id of [upload.id, drop.id, credential.id]) {
        await openTask(page, id);
    }
    await eventually('the uploaded file', async () => (await textOf(byTestId(page, `upload-files-${upload.id}`))).includes(shown.upload));
    const link = byTestId(page, `upload-files-${upload.id}`).getByRole('link', { name: shown.upload });
    assert.equal(await link.getAttribute('download'), shown.upload);
    assert.match(await link.getAttribute('href'), /^\/api\/v1\//, 'the link goes to the portal, not to the name');
    await eventually('the dropped file', async () => (await textOf(byTestId(page, `filedrop-files-${drop.id}`))).includes(shown.drop));
    await eventually('the sent credential file', async () =>
        (await textOf(byTestId(page, `credential-sent-${credential.id}`))).includes(`File “${shown.credential}”`)
    );
    await eventually('the Documents section', async () => (await textOf(byTestId(page, 'documents'))).includes(shown.upload));
    await assertNothingRan(page);

    // Staff get the names as sent.
    const stored = sql(
        portal,
        [
            "out['upload'] = db.execute(\"SELECT f.name FROM task_file tf JOIN stored_file f ON f.id = tf.file_id WHERE tf.task_id = ? AND tf.role = 'upload'\", (args[0],)).fetchone()[0]",
            "out['drop'] = db.execute('SELECT file_name FROM file_drop WHERE task_id = ?', (args[1],)).fetchone()[0]",
            "out['credential'] = db.execute('SELECT file_name FROM credential_submission WHERE task_id = ?', (args[2],)).fetchone()[0]",
        ].join('\n'),
        upload.id,
        drop.id,
        credential.id
    );
    assert.deepEqual(stored, shown);
});
