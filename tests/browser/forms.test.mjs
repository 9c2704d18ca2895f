// Form and checklist tasks as a client contact uses them: a form saved with an invalid field
// (the browser's message, then the server's), fixed and saved (the Saved badge), submitted;
// a checklist ticked to completion. The staff side is checked in the database the console reads.
//
//   cd tests/browser && GATEHOUSE_PORTAL_BIN=/path/to/gatehouse-portal node --test forms.test.mjs

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

import { listMail, waitForSignInMail } from './support/mailbox.mjs';
import { PortalServer, freePort, makeDataDir, portalBinary, runCli } from './support/portal.mjs';
import { openTask } from './support/session.mjs';

const run = promisify(execFile);
const CONTACT_EMAIL = 'demo.contact@example.com';
const CHROMIUM = process.env.GATEHOUSE_CHROMIUM || '/usr/bin/chromium';
const PYTHON = process.env.GATEHOUSE_TEST_PYTHON || 'python3';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const PAYLOAD = '<img src=x onerror="window.__xss=1">Example & Co';

const FORM = {
    multipleEntries: false,
    fields: [
        { id: 'company', label: 'Company name', type: 'short_text', required: true, help: 'As on your invoices.' },
        { id: 'size', label: 'Company size', type: 'single_select', required: true, help: '', options: ['1-10', '11-50'] },
        { id: 'email', label: 'IT contact email', type: 'email', required: true, help: 'Where we send alerts.' },
        { id: 'backup', label: 'Do you have backups?', type: 'yes_no', required: true, help: '' },
        { id: 'systems', label: 'Systems', type: 'multi_select', required: false, help: '', options: ['Windows', 'macOS'] },
        { id: 'start', label: 'Preferred start', type: 'date', required: false, help: '' },
        { id: 'seats', label: 'Seats', type: 'number', required: false, help: '' },
        { id: 'phone', label: 'Phone', type: 'phone', required: false, help: '' },
        { id: 'site', label: 'Website', type: 'url', required: false, help: '' },
        { id: 'notes', label: 'Anything else', type: 'long_text', required: false, help: '' },
    ],
};
const CHECKLIST = { items: [{ id: 'backup', text: 'Backups checked' }, { id: 'fw', text: 'Firewall rules sent' }] };

let dataDir = null;
let server = null;
let browser = null;
let inviteUrl = null;
let failed = false;
let ids = null;

process.on('exit', () => server?.killNow());

// SQL against the portal's SQLite file, through Python's sqlite3 module: what staff would see.
async function sql(script, args = []) {
    const program = [
        'import json, sqlite3, sys',
        'db = sqlite3.connect(sys.argv[1], timeout=10)',
        'db.row_factory = sqlite3.Row',
        'args = json.loads(sys.argv[3])',
        'out = {}',
        'exec(sys.argv[2])',
        'db.commit()',
        'print(json.dumps(out))',
    ].join('\n');
    const { stdout } = await run(PYTHON, ['-c', program, path.join(dataDir, 'gatehouse.sqlite'), script, JSON.stringify(args)]);
    return JSON.parse(stdout);
}

before(async () => {
    const bin = portalBinary();
    dataDir = makeDataDir();
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    await runCli(bin, ['--data-dir', dataDir, 'demo']);
    // Staff's side, as the console's FormService and ChecklistService would leave it: the demo's
    // questionnaire gets its questions, and a standard client task becomes a checklist.
    ids = await sql(
        [
            "out['form'] = db.execute(\"SELECT id FROM task WHERE evidence_type = 'form' AND owner_side = 'client'\").fetchone()[0]",
            "out['checklist'] = db.execute(\"SELECT MAX(id) FROM task WHERE evidence_type = 'standard' AND owner_side = 'client'\").fetchone()[0]",
            "db.execute('UPDATE task SET config = ? WHERE id = ?', (json.dumps(args[0]), out['form']))",
            "db.execute(\"UPDATE task SET evidence_type = 'checklist', config = ? WHERE id = ?\", (json.dumps(args[1]), out['checklist']))",
        ].join('\n'),
        [FORM, CHECKLIST]
    );
    const inviteOutput = await runCli(bin, ['--data-dir', dataDir, 'invite', CONTACT_EMAIL, '--public-url', baseUrl]);
    inviteUrl = /https?:\/\/\S+\/i\/[A-Za-z0-9_-]+/.exec(inviteOutput.trim().split(/\r?\n/).pop() ?? '')?.[0];
    assert.ok(inviteUrl, `invite printed no link:\n${inviteOutput}`);
    server = new PortalServer(bin, dataDir, port);
    await server.start();
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});

after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
    if (failed) {
        console.error(`Portal server output:\n${server?.log() ?? '(not started)'}`);
        console.error(`Data directory kept for inspection: ${dataDir}`);
    } else if (dataDir) {
        fs.rmSync(dataDir, { recursive: true, force: true });
    }
});

function byTestId(page, id) {
    return page.locator(`[data-testid="${id}"]`);
}

async function eventually(what, check, timeoutMs = 10000) {
    const deadline = Date.now() + timeoutMs;
    let last;
    while (Date.now() < deadline) {
        try {
            last = await check();
            if (last) {
                return last;
            }
        } catch (error) {
            last = error;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`Timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
}

async function signIn(page) {
    await page.goto(inviteUrl);
    const seen = listMail(dataDir);
    await byTestId(page, 'invite-send').click();
    await byTestId(page, 'code-input').waitFor({ state: 'visible' });
    const mail = await waitForSignInMail(dataDir, seen);
    await byTestId(page, 'code-input').fill(mail.code);
    await byTestId(page, 'code-submit').click();
    await page.waitForURL(`${server.baseUrl}/`);
}

async function statusOf(page, taskId) {
    return (await byTestId(page, `task-status-${taskId}`).textContent()).trim();
}

test('fill in a form and tick a checklist', { timeout: 120000 }, async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 900 } });
    context.setDefaultTimeout(15000);
    const page = await context.newPage();
    const problems = [];
    page.on('console', (message) => {
        if (message.type() === 'error' && message.text().includes('Content Security Policy')) {
            problems.push(`CSP violation: ${message.text()}`);
        }
    });
    page.on('pageerror', (error) => problems.push(`Uncaught error in the page: ${error.message}`));
    try {
        await signIn(page);
        const form = String(ids.form);
        await openTask(page, form);
        await openTask(page, String(ids.checklist));
        await byTestId(page, `form-save-${form}`).waitFor({ state: 'visible' });

        // Labels, help and the required mark are there and tied to the controls.
        const company = byTestId(page, 'field-company');
        assert.equal(await company.getAttribute('aria-required'), 'true');
        const help = await company.getAttribute('aria-describedby');
        assert.equal(await page.locator(`[id="${help}"]`).textContent(), 'As on your invoices.');
        assert.equal(await page.getByLabel('Company name').count(), 1, 'the label names its input');
        assert.equal(await byTestId(page, `form-saved-${form}`).isVisible(), false, 'nothing saved yet');

        // An invalid email: the browser's check stops it, with a message by the field.
        await company.fill(PAYLOAD);
        await byTestId(page, 'field-size').selectOption('11-50');
        await byTestId(page, 'field-email').fill('it at example');
        await byTestId(page, 'field-backup-yes').check();
        await byTestId(page, 'field-systems-1').check();
        await byTestId(page, 'field-start').fill('2027-03-01');
        await byTestId(page, 'field-seats').fill('12');
        await byTestId(page, `form-save-${form}`).click();
        const emailError = byTestId(page, 'field-error-email');
        await emailError.waitFor({ state: 'visible' });
        assert.match(await emailError.textContent(), /email address/);
        assert.equal(await byTestId(page, 'field-email').getAttribute('aria-invalid'), 'true');
        assert.ok((await byTestId(page, 'field-email').getAttribute('aria-describedby')).includes('-error'));
        assert.equal(
            await page.evaluate(() => document.activeElement && document.activeElement.getAttribute('data-testid')),
            'field-email',
            'the first invalid field has the focus'
        );
        assert.deepEqual((await sql("out['n'] = db.execute('SELECT COUNT(*) FROM form_entry').fetchone()[0]")).n, 0);

        // The server's check: meanwhile staff withdrew "11-50", which the page still offers.
        await sql("db.execute('UPDATE task SET config = ? WHERE id = ?', (json.dumps(args[0]), args[1]))", [
            { ...FORM, fields: FORM.fields.map((f) => (f.id === 'size' ? { ...f, options: ['1-10', '51+'] } : f)) },
            ids.form,
        ]);
        await byTestId(page, 'field-email').fill('it@example.com');
        await byTestId(page, `form-save-${form}`).click();
        const sizeError = byTestId(page, 'field-error-size');
        await sizeError.waitFor({ state: 'visible' });
        assert.equal(await sizeError.textContent(), 'Choose one of the options offered.');
        assert.equal(await emailError.isVisible(), false, 'the fixed field is no longer marked');
        assert.deepEqual((await sql("out['n'] = db.execute('SELECT COUNT(*) FROM form_entry').fetchone()[0]")).n, 0);

        // Fixed: saved, and the card says so.
        await byTestId(page, 'field-size').selectOption('1-10');
        await byTestId(page, `form-save-${form}`).click();
        await byTestId(page, `form-saved-${form}`).waitFor({ state: 'visible' });
        await eventually('the form task to be in progress', async () => (await statusOf(page, form)) === 'In progress');
        assert.equal(await byTestId(page, 'field-company').inputValue(), PAYLOAD, 'the answer comes back as typed');
        assert.equal(await page.evaluate(() => window.__xss), undefined, 'the answer stayed text');

        // Staff see the entry as the contact wrote it.
        const entry = await sql(
            "row = db.execute('SELECT answers, author_name FROM form_entry WHERE task_id = ?', (args[0],)).fetchone()\n" +
                "out['answers'] = json.loads(row['answers'])\nout['author'] = row['author_name']",
            [ids.form]
        );
        assert.equal(entry.author, 'Jordan Client');
        assert.deepEqual(entry.answers, {
            company: PAYLOAD, size: '1-10', email: 'it@example.com', backup: true,
            systems: ['macOS'], start: '2027-03-01', seats: 12,
        });

        // Submitted: completed and read-only.
        await byTestId(page, `form-submit-${form}`).click();
        await eventually('the form task to be completed', async () => (await statusOf(page, form)) === 'Completed');
        assert.equal(await byTestId(page, `form-save-${form}`).count(), 0);

        // The checklist, ticked with the keyboard and the mouse.
        const list = String(ids.checklist);
        const progress = byTestId(page, `checklist-progress-${list}`);
        await eventually('the checklist progress', async () => (await progress.textContent()) === '0 of 2 done');
        await byTestId(page, 'checklist-item-fw').focus();
        await page.keyboard.press('Space');
        await eventually('one item ticked', async () => (await progress.textContent()) === '1 of 2 done');
        assert.match(await byTestId(page, `checklist-${list}`).textContent(), /Ticked by Jordan Client/);
        await byTestId(page, 'checklist-item-backup').check();
        await eventually('the checklist to be completed', async () => (await statusOf(page, list)) === 'Completed');
        assert.equal(await byTestId(page, `checklist-progress-${list}`).textContent(), '2 of 2 done');
        assert.equal(await byTestId(page, 'checklist-item-fw').isDisabled(), true, 'a completed checklist is closed');

        const ticks = await sql(
            "out['rows'] = [dict(r) for r in db.execute('SELECT item_id, ticked, actor_kind, actor_name FROM checklist_tick WHERE task_id = ? ORDER BY id', (args[0],))]",
            [ids.checklist]
        );
        assert.deepEqual(ticks.rows, [
            { item_id: 'fw', ticked: 1, actor_kind: 'contact', actor_name: 'Jordan Client' },
            { item_id: 'backup', ticked: 1, actor_kind: 'contact', actor_name: 'Jordan Client' },
        ]);
        assert.deepEqual(problems, [], 'the page reported problems');
    } catch (error) {
        failed = true;
        throw error;
    } finally {
        await context.close();
    }
});
