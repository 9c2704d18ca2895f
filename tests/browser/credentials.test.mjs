// Credential handoff as a client contact uses it: the 10 MB limit shown and enforced before
// upload, the password's show/hide, sending a file, and afterwards only "sent on <date>",
// never the content. Runs the real gatehouse-portal against a fresh data directory.
//
//   cd tests/browser && GATEHOUSE_PORTAL_BIN=/path/to/gatehouse-portal node --test credentials.test.mjs

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';

import { listMail, waitForSignInMail } from './support/mailbox.mjs';
import { PortalServer, freePort, makeDataDir, portalBinary, runCli } from './support/portal.mjs';
import { openTask } from './support/session.mjs';

const CONTACT_EMAIL = 'demo.contact@example.com';
const CHROMIUM = process.env.GATEHOUSE_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];

let dataDir = null;
let server = null;
let browser = null;
let inviteUrl = null;
let failed = false;

process.on('exit', () => server?.killNow());

before(async () => {
    const bin = portalBinary();
    dataDir = makeDataDir();
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    await runCli(bin, ['--data-dir', dataDir, 'demo']);
    const output = await runCli(bin, ['--data-dir', dataDir, 'invite', CONTACT_EMAIL, '--public-url', baseUrl]);
    inviteUrl = /https?:\/\/\S+\/i\/[A-Za-z0-9_-]+/.exec(output.trim().split(/\r?\n/).pop() ?? '')?.[0];
    assert.ok(inviteUrl, `invite printed no link:\n${output}`);
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

test('hand over credentials: limit, show/hide, file, then only "sent"', { timeout: 120000 }, async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 375, height: 900 } });
    context.setDefaultTimeout(15000);
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(`Uncaught error in the page: ${error.message}`));
    page.on('console', (message) => {
        if (message.type() === 'error' && message.text().includes('Content Security Policy')) {
            problems.push(`CSP violation: ${message.text()}`);
        }
    });
    const uploads = [];
    page.on('request', (request) => {
        if (request.method() === 'POST' && request.url().includes('/credentials')) {
            uploads.push(request.url());
        }
    });
    try {
        await page.goto(inviteUrl);
        const before = listMail(dataDir);
        await byTestId(page, 'invite-send').click();
        const mail = await waitForSignInMail(dataDir, before);
        await byTestId(page, 'code-input').fill(mail.code);
        await byTestId(page, 'code-submit').click();
        await page.waitForURL(`${server.baseUrl}/`);

        const home = await page.evaluate(async () => (await fetch('/api/v1/home')).json());
        const task = home.onboardings
            .flatMap((onboarding) => onboarding.phases.flatMap((phase) => phase.tasks))
            .find((candidate) => candidate.evidenceType === 'credential' && candidate.status !== 'completed');
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
        await page.waitForFunction(
            (taskId) => document.querySelector(`[data-testid="task-status-${taskId}"]`)?.textContent.trim() === 'Completed',
            id
        );
        const sent = byTestId(page, `credential-sent-${id}`);
        await sent.waitFor({ state: 'visible' });
        assert.match(await sent.textContent(), /File “licence\.key” \(\d+ bytes\), sent on /);
        assert.equal(await byTestId(page, `credential-submit-${id}`).count(), 0, 'a completed task offers no form');
        assert.ok(!(await page.content()).includes(secret), 'the page never shows what was sent');
        const listed = await page.evaluate(async (taskId) => (await fetch(`/api/v1/tasks/${taskId}/credentials`)).text(), id);
        assert.ok(!listed.includes(secret), 'nor does the API');
        assert.equal(uploads.length, 1);
        assert.deepEqual(problems, [], 'the page reported problems');
    } catch (error) {
        failed = true;
        throw error;
    } finally {
        await context.close();
    }
});
