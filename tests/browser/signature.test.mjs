// Signature tasks as a client contact signs them: the document first, a blank pad refused (by
// the page and by the server), strokes drawn with a mouse, a pen and a finger through pointer
// events, or a typed name; the certificate downloaded and mailed. Staff's side is checked in
// the database the console reads, down to recomputing the evidence fingerprint.
// Runs the real gatehouse-portal and drives Debian's Chromium (see support/session.mjs).

import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';

import { readMailbox } from './support/mailbox.mjs';
import {
    CONTACT_EMAIL,
    apiPost,
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

// A small but well-formed PDF: the document staff attach for signing.
const AGREEMENT = Buffer.from(
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
        '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
        'trailer << /Root 1 0 R >>\n% Service agreement, version 2027\n%%EOF\n'
);
const AGREEMENT_NAME = 'Service agreement 2027.pdf';

// Staff's side, as the console leaves it: a second client task asks for a signature on an
// attached PDF (the demo's own signature task signs its text).
let attached = null;
const portal = usePortal({
    setUp: (state) => {
        attached = sql(
            state,
            [
                "out['taskId'] = db.execute(\"SELECT MAX(id) FROM task WHERE evidence_type = 'standard' AND owner_side = 'client'\").fetchone()[0]",
                "db.execute(\"UPDATE task SET evidence_type = 'signature' WHERE id = ?\", (out['taskId'],))",
                'import base64, hashlib',
                'pdf = base64.b64decode(args[0])',
                "workspace = db.execute('SELECT id FROM workspace').fetchone()[0]",
                "out['fileId'] = db.execute(\"INSERT INTO stored_file (workspace_id, name, media_type, size, sha256, created_at) VALUES (?, ?, 'application/pdf', ?, ?, 0)\", (workspace, args[1], len(pdf), hashlib.sha256(pdf).hexdigest())).lastrowid",
                "db.execute('INSERT INTO file_chunk (file_id, seq, data) VALUES (?, 0, ?)', (out['fileId'], pdf))",
                "db.execute(\"INSERT INTO task_file (task_id, file_id, role, created_at) VALUES (?, ?, 'attachment', 0)\", (out['taskId'], out['fileId']))",
            ].join('\n'),
            AGREEMENT.toString('base64'),
            AGREEMENT_NAME
        );
    },
});

function sha256(bytes) {
    return crypto.createHash('sha256').update(bytes).digest('hex');
}

// SignatureEvidence::hash: each field length-prefixed (64-bit big endian), in this order.
function evidenceHash(document, signerName, image, signerEmail, signedAtMs) {
    const hash = crypto.createHash('sha256');
    for (const field of ['gatehouse-signature-v1', document, signerName, image, signerEmail, String(signedAtMs)]) {
        const bytes = Buffer.isBuffer(field) ? field : Buffer.from(field, 'utf8');
        const length = Buffer.alloc(8);
        length.writeBigUInt64BE(BigInt(bytes.length));
        hash.update(length).update(bytes);
    }
    return hash.digest('hex');
}

// What staff see of a signature: the task_signature row, the image as base64.
function signatureRows(taskId) {
    return sql(
        portal,
        [
            'import base64',
            "out['rows'] = [dict(zip(('signer', 'email', 'method', 'image', 'documentFileId', 'documentName', 'documentSha256', 'ip', 'signedAt', 'evidence', 'pdfId'), "
                + "(r[0], r[1], r[2], base64.b64encode(r[3]).decode(), r[4], r[5], r[6], r[7], r[8], r[9], r[10]))) for r in db.execute("
                + "'SELECT signer_name, signer_email, method, image, document_file_id, document_name, document_sha256, ip, signed_at, evidence_sha256, signed_pdf_file_id "
                + "FROM task_signature WHERE task_id = ?', (args[0],))]",
        ].join('\n'),
        taskId
    ).rows.map((row) => ({ ...row, image: Buffer.from(row.image, 'base64') }));
}

function stateOf(taskId) {
    return sql(
        portal,
        [
            "out['status'] = db.execute('SELECT status FROM task WHERE id = ?', (args[0],)).fetchone()[0]",
            "out['activity'] = [r[0] for r in db.execute(\"SELECT summary FROM activity WHERE task_id = ? AND kind = 'task.signed'\", (args[0],))]",
        ].join('\n'),
        taskId
    );
}

// Pixels with ink on the pad, read back from the canvas.
async function inkOnPad(page, taskId) {
    return page.evaluate((id) => {
        const canvas = document.querySelector(`[data-testid="signature-pad-${id}"]`);
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let ink = 0;
        for (let i = 3; i < data.length; i += 4) {
            if (data[i] > 64) {
                ++ink;
            }
        }
        return ink;
    }, taskId);
}

// A wavy line across the pad from `from` to `to` (fractions of its width), as points in the
// page's CSS pixels.
function stroke(box, from, to, row) {
    const points = [];
    for (let step = 0; step <= 16; ++step) {
        const x = box.x + box.width * (from + ((to - from) * step) / 16);
        const y = box.y + box.height * (row + 0.15 * Math.sin(step / 2.5));
        points.push({ x, y });
    }
    return points;
}

portalTest(
    portal,
    'the document first, a blank pad refused, drawn with mouse, pen and finger; certificate mailed',
    async (page, { context }) => {
        const signatureRequests = [];
        page.on('request', (request) => {
            if (request.method() === 'POST' && /\/signature$/.test(request.url())) {
                signatureRequests.push(request.url());
            }
        });
        await signIn(portal, page);
        const task = await findTask(page, (candidate) => candidate.evidenceType === 'signature' && candidate.id !== attached.taskId);
        assert.ok(task, 'the demo onboarding asks the client for a signature');
        const id = task.id;
        await openTask(page, id);

        // The document comes first: here the task's own text.
        const document = byTestId(page, `signature-document-${id}`);
        await document.waitFor({ state: 'visible' });
        assert.equal(await document.textContent(), `${task.title}\n${task.description}`);

        // An empty pad is refused in the page, and nothing is sent.
        await byTestId(page, `signature-name-${id}`).fill('Jordan Client');
        await byTestId(page, `signature-consent-${id}`).check();
        await byTestId(page, `signature-submit-${id}`).click();
        const alert = byTestId(page, `signature-${id}`).locator('[role="alert"]');
        await alert.waitFor({ state: 'visible' });
        assert.match(await alert.textContent(), /pad is empty/);
        assert.deepEqual(signatureRequests, []);

        // The server refuses a blank image too, whatever a page sends.
        const blank = await page.evaluate(() => {
            const canvas = document.createElement('canvas');
            canvas.width = 600;
            canvas.height = 200;
            return canvas.toDataURL('image/png').split(',')[1];
        });
        const refused = await apiPost(page, `/api/v1/tasks/${id}/signature`, { name: 'Jordan Client', method: 'drawn', image: blank });
        assert.equal(refused.status, 422);
        assert.match(refused.body.error, /pad is empty/);
        assert.deepEqual(signatureRows(id), [], 'nothing was recorded');
        signatureRequests.length = 0;

        const pad = byTestId(page, `signature-pad-${id}`);
        await pad.scrollIntoViewIfNeeded();
        const box = await pad.boundingBox();
        await page.evaluate((padId) => {
            window.pointerTypes = [];
            document
                .querySelector(`[data-testid="signature-pad-${padId}"]`)
                .addEventListener('pointerdown', (event) => window.pointerTypes.push(event.pointerType));
        }, id);

        // A mouse stroke, then Clear: the pad is empty again.
        const drawWithMouse = async (points) => {
            await page.mouse.move(points[0].x, points[0].y);
            await page.mouse.down();
            for (const point of points.slice(1)) {
                await page.mouse.move(point.x, point.y);
            }
            await page.mouse.up();
        };
        await drawWithMouse(stroke(box, 0.1, 0.4, 0.5));
        assert.ok((await inkOnPad(page, id)) > 100, 'the mouse drew on the pad');
        await byTestId(page, `signature-${id}`).getByRole('button', { name: 'Clear' }).click();
        assert.equal(await inkOnPad(page, id), 0, 'Clear empties the pad');

        // The signature: a mouse stroke, a pen stroke and a finger stroke, each adding ink.
        await drawWithMouse(stroke(box, 0.05, 0.35, 0.3));
        const afterMouse = await inkOnPad(page, id);
        assert.ok(afterMouse > 100, 'the mouse drew on the pad');

        const cdp = await context.newCDPSession(page);
        const pen = stroke(box, 0.35, 0.65, 0.5);
        await cdp.send('Input.dispatchMouseEvent', { type: 'mousePressed', pointerType: 'pen', button: 'left', buttons: 1, clickCount: 1, ...pen[0] });
        for (const point of pen.slice(1)) {
            await cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', pointerType: 'pen', button: 'left', buttons: 1, ...point });
        }
        await cdp.send('Input.dispatchMouseEvent', { type: 'mouseReleased', pointerType: 'pen', button: 'left', buttons: 0, clickCount: 1, ...pen.at(-1) });
        const afterPen = await inkOnPad(page, id);
        assert.ok(afterPen > afterMouse + 100, `the pen drew on the pad (${afterMouse} -> ${afterPen})`);

        const finger = stroke(box, 0.65, 0.95, 0.7);
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [finger[0]] });
        for (const point of finger.slice(1)) {
            await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point] });
        }
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
        const afterFinger = await inkOnPad(page, id);
        assert.ok(afterFinger > afterPen + 100, `the finger drew on the pad (${afterPen} -> ${afterFinger})`);
        assert.deepEqual(await page.evaluate(() => window.pointerTypes), ['mouse', 'mouse', 'pen', 'touch']);

        await byTestId(page, `signature-submit-${id}`).click();
        const certificate = byTestId(page, 'signature-certificate');
        await certificate.waitFor({ state: 'visible' });
        await waitForStatus(page, id, 'Completed');
        assert.equal(signatureRequests.length, 1, 'one signature sent');
        assert.equal(await byTestId(page, `signature-submit-${id}`).count(), 0, 'a signed task offers no pad');
        const [download] = await Promise.all([page.waitForEvent('download'), certificate.click()]);
        const pdf = fs.readFileSync(await download.path());
        assert.equal(pdf.subarray(0, 5).toString(), '%PDF-', 'the certificate is a PDF');

        // Staff have the signature with its evidence, and it adds up.
        const rows = signatureRows(id);
        assert.equal(rows.length, 1);
        const row = rows[0];
        assert.deepEqual(
            [row.signer, row.email, row.method, row.documentFileId, row.ip],
            ['Jordan Client', CONTACT_EMAIL, 'drawn', null, '127.0.0.1']
        );
        assert.equal(row.image.subarray(0, 8).toString('latin1'), '\x89PNG\r\n\x1a\n', 'the image is a PNG');
        assert.ok(row.pdfId, 'the certificate is filed with the task');
        const text = Buffer.from(`${task.title}\n${task.description}`, 'utf8');
        assert.equal(row.documentName, `${task.title} (the task's text)`);
        assert.equal(row.documentSha256, sha256(text));
        assert.equal(row.evidence, evidenceHash(text, row.signer, row.image, row.email, row.signedAt));
        const signed = await byTestId(page, `signature-${id}`).textContent();
        assert.ok(signed.includes('Signed by Jordan Client'), signed);
        assert.ok(signed.includes(row.evidence), 'the contact sees the same fingerprint');
        assert.deepEqual(stateOf(id), { status: 'completed', activity: [`Jordan Client signed "${task.title}"`] });

        // Both the signer and staff get the certificate by mail.
        const certificateMails = () =>
            readMailbox(portal.dataDir).filter(
                (mail) => mail.subject === `Signed: ${task.title}` && mail.raw.includes('application/pdf')
            );
        await eventually('the certificate mailed to the signer and to staff', async () => certificateMails().length >= 2, 20000);
        assert.deepEqual(certificateMails().map((mail) => mail.address).sort(), ['demo.admin@example.com', CONTACT_EMAIL].sort());

        // Signing twice is refused.
        const again = await apiPost(page, `/api/v1/tasks/${id}/signature`, { name: 'Jordan Client', method: 'typed', image: row.image.toString('base64') });
        assert.equal(again.status, 409);
        assert.equal(signatureRows(id).length, 1);
    },
    { context: { hasTouch: true } }
);

portalTest(portal, 'an attached PDF read first, then signed with a typed name', async (page) => {
    await signIn(portal, page);
    const id = attached.taskId;
    await openTask(page, id);

    // The document: its name links to the very bytes staff attached, with their fingerprint.
    const link = byTestId(page, `signature-document-${id}`);
    await link.waitFor({ state: 'visible' });
    assert.equal(await link.textContent(), AGREEMENT_NAME);
    assert.ok((await byTestId(page, `signature-${id}`).textContent()).includes(`SHA-256: ${sha256(AGREEMENT)}`));
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.deepEqual(fs.readFileSync(await download.path()), AGREEMENT);

    // Typed: no name, then no consent, are refused in turn.
    await byTestId(page, `signature-type-${id}`).click();
    assert.equal(await byTestId(page, `signature-type-${id}`).getAttribute('aria-pressed'), 'true');
    assert.equal(await byTestId(page, `signature-pad-${id}`).isVisible(), false, 'no pad when typing');
    const alert = byTestId(page, `signature-${id}`).locator('[role="alert"]');
    await byTestId(page, `signature-submit-${id}`).click();
    await alert.waitFor({ state: 'visible' });
    assert.equal(await alert.textContent(), 'Enter your full name.');
    await byTestId(page, `signature-name-${id}`).fill('Jordan Q. Client');
    assert.equal(await byTestId(page, `signature-${id}`).locator('.signature__typed').textContent(), 'Jordan Q. Client');
    await byTestId(page, `signature-submit-${id}`).click();
    await eventually('the consent to be asked for', async () => (await alert.textContent()).includes('agree to sign electronically'));
    assert.deepEqual(signatureRows(id), [], 'nothing was recorded');

    await byTestId(page, `signature-consent-${id}`).check();
    await byTestId(page, `signature-submit-${id}`).click();
    await waitForStatus(page, id, 'Completed');
    await eventually('the signed view', async () =>
        (await byTestId(page, `signature-${id}`).textContent()).includes('Signed by Jordan Q. Client')
    );

    const rows = signatureRows(id);
    assert.equal(rows.length, 1);
    const row = rows[0];
    assert.deepEqual(
        [row.signer, row.method, row.documentFileId, row.documentName, row.documentSha256],
        ['Jordan Q. Client', 'typed', attached.fileId, AGREEMENT_NAME, sha256(AGREEMENT)]
    );
    assert.ok(row.image.length > 1000, 'the typed name was drawn as an image');
    assert.equal(row.evidence, evidenceHash(AGREEMENT, row.signer, row.image, row.email, row.signedAt));
});
