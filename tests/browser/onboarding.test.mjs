// The portal as a client contact uses it: invite link, email code or magic link, home page,
// completing a task. Runs the real gatehouse-portal against a fresh data directory and drives
// Debian's Chromium through playwright-core.
//
//   cd tests/browser && GATEHOUSE_PORTAL_BIN=/path/to/gatehouse-portal node --test

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';

import { listMail, waitForSignInMail } from './support/mailbox.mjs';
import { PortalServer, freePort, makeDataDir, portalBinary, runCli } from './support/portal.mjs';

const CONTACT_EMAIL = 'demo.contact@example.com';
const CHROMIUM = process.env.GATEHOUSE_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
];
const TEST_TIMEOUT_MS = 120000;

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
    const inviteOutput = await runCli(bin, ['--data-dir', dataDir, 'invite', CONTACT_EMAIL, '--public-url', baseUrl]);
    const lastLine = inviteOutput.trim().split(/\r?\n/).pop() ?? '';
    const match = /https?:\/\/\S+\/i\/[A-Za-z0-9_-]+/.exec(lastLine);
    assert.ok(match, `invite printed no invite link as its last line:\n${inviteOutput}`);
    inviteUrl = match[0];
    assert.ok(inviteUrl.startsWith(`${baseUrl}/i/`), `the invite link ${inviteUrl} is not on ${baseUrl}`);

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

// Runs a test body with a fresh browser context (no cookies) and checks that the page
// neither broke the Content Security Policy nor threw.
function portalTest(name, body) {
    test(name, { timeout: TEST_TIMEOUT_MS }, async () => {
        const context = await browser.newContext({ locale: 'en-US', viewport: { width: 375, height: 800 } });
        context.setDefaultTimeout(15000);
        const problems = [];
        const page = await context.newPage();
        page.on('console', (message) => {
            if (message.type() === 'error' && message.text().includes('Content Security Policy')) {
                problems.push(`CSP violation: ${message.text()}`);
            }
        });
        page.on('pageerror', (error) => problems.push(`Uncaught error in the page: ${error.message}`));
        try {
            await body(page);
            assert.deepEqual(problems, [], 'the page reported problems');
        } catch (error) {
            failed = true;
            throw error;
        } finally {
            await context.close();
        }
    });
}

// Polls until `check` returns a truthy value (which is returned) or fails with `what`.
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

function byTestId(page, id) {
    return page.locator(`[data-testid="${id}"]`);
}

async function apiFromPage(page, path, init = {}) {
    return page.evaluate(
        async ({ path, init }) => {
            const response = await fetch(path, { credentials: 'same-origin', ...init });
            const text = await response.text();
            let body = null;
            try {
                body = JSON.parse(text);
            } catch {
                body = text;
            }
            return { status: response.status, body };
        },
        { path, init }
    );
}

// Opens the invite link, asks for a code and returns the mail that brought it.
async function requestSignInMail(page) {
    await page.goto(inviteUrl);
    const before = listMail(dataDir);
    await byTestId(page, 'invite-send').click();
    await byTestId(page, 'code-input').waitFor({ state: 'visible' });
    const mail = await waitForSignInMail(dataDir, before);
    assert.match(mail.to, new RegExp(CONTACT_EMAIL.replace(/[.]/g, '\\.'), 'i'), 'the code went to the invited contact');
    assert.ok(
        mail.magicLink.startsWith(`${server.baseUrl}/m/`),
        `the magic link ${mail.magicLink} is built from the configured public URL`
    );
    return mail;
}

async function expectHome(page) {
    await page.waitForURL(`${server.baseUrl}/`);
    await byTestId(page, 'progress').first().waitFor({ state: 'visible' });
    await page.getByRole('heading', { name: 'Your tasks' }).first().waitFor({ state: 'visible' });
}

async function progressPercent(page) {
    const value = await byTestId(page, 'progress').first().getAttribute('aria-valuenow');
    const percent = Number(value);
    assert.ok(Number.isFinite(percent) && percent >= 0 && percent <= 100, `aria-valuenow is a percentage: ${value}`);
    return percent;
}

portalTest('invite link, email code, complete a task', async (page) => {
    const mail = await requestSignInMail(page);
    await byTestId(page, 'code-input').fill(mail.code);
    await byTestId(page, 'code-submit').click();
    await expectHome(page);

    const home = await apiFromPage(page, '/api/v1/home');
    assert.equal(home.status, 200);
    const tasks = home.body.onboardings.flatMap((onboarding) => onboarding.phases.flatMap((phase) => phase.tasks));
    const task = tasks.find(
        (candidate) =>
            candidate.ownerSide === 'client' && candidate.evidenceType === 'standard' && candidate.status === 'pending'
    );
    assert.ok(task, 'the demo onboarding has a pending standard task for the client');

    const before = await progressPercent(page);
    await byTestId(page, `task-${task.id}`).waitFor({ state: 'visible' });
    assert.notEqual((await byTestId(page, `task-status-${task.id}`).textContent()).trim(), 'Completed');

    const note = 'Checked with the team <b>today</b> & all good';
    await byTestId(page, `task-complete-${task.id}`).click();
    await byTestId(page, `task-note-${task.id}`).fill(note);
    await byTestId(page, `task-submit-${task.id}`).click();

    await eventually('the task to show Completed', async () => {
        return (await byTestId(page, `task-status-${task.id}`).textContent()).trim() === 'Completed';
    });
    const afterCompletion = await progressPercent(page);
    assert.ok(afterCompletion > before, `progress rose from ${before}% (now ${afterCompletion}%)`);
    assert.equal(await byTestId(page, `task-complete-${task.id}`).count(), 0, 'a completed task offers no Mark complete');
    assert.ok(
        (await byTestId(page, `task-${task.id}`).textContent()).includes(note),
        'the note is shown as the contact typed it, as text'
    );

    await page.reload();
    await expectHome(page);
    await eventually('the completed task after reload', async () => {
        return (await byTestId(page, `task-status-${task.id}`).textContent()).trim() === 'Completed';
    });
    assert.equal(await progressPercent(page), afterCompletion, 'the progress survives a reload');

    const withoutToken = await apiFromPage(page, `/api/v1/tasks/${task.id}/complete`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ note: '' }),
    });
    assert.equal(withoutToken.status, 403, 'a change without the session\'s CSRF token is refused');
    assert.equal(withoutToken.body.code, 'bad_csrf_token');
    const me = await apiFromPage(page, '/api/v1/me');
    const again = await apiFromPage(page, `/api/v1/tasks/${task.id}/complete`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.body.csrfToken },
        body: JSON.stringify({ note: '' }),
    });
    assert.equal(again.status, 409, 'completing a completed task is refused');
});

portalTest('magic link survives a mail scanner and signs in after one click', async (page) => {
    const mail = await requestSignInMail(page);

    // A mail filter fetches the link first: that must neither use it up nor sign anyone in.
    const scanned = await fetch(mail.magicLink, { redirect: 'manual' });
    assert.equal(scanned.status, 200, 'the magic link page loads for a plain GET');
    assert.equal(scanned.headers.get('set-cookie'), null, 'a GET of the magic link sets no cookie');
    await scanned.text();

    await page.goto(mail.magicLink);
    await byTestId(page, 'magic-confirm').waitFor({ state: 'visible' });
    assert.equal((await apiFromPage(page, '/api/v1/me')).status, 401, 'opening the link alone does not sign in');

    await byTestId(page, 'magic-confirm').click();
    await expectHome(page);
    assert.equal((await apiFromPage(page, '/api/v1/me')).status, 200);

    const token = new URL(mail.magicLink).pathname.split('/').pop();
    const replay = await apiFromPage(page, '/api/v1/auth/magic', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ token }),
    });
    assert.ok(replay.status >= 400 && replay.status < 500, `a used magic link is refused (got ${replay.status})`);
});

portalTest('a wrong code shows an error and keeps the code form', async (page) => {
    const mail = await requestSignInMail(page);
    const wrong = String((Number(mail.code) + 1) % 1000000).padStart(6, '0');

    await byTestId(page, 'code-input').fill(wrong);
    await byTestId(page, 'code-submit').click();
    const alert = byTestId(page, 'alert');
    await alert.waitFor({ state: 'visible' });
    assert.notEqual((await alert.textContent()).trim(), '', 'the alert says what went wrong');
    assert.equal(await alert.getAttribute('role'), 'alert');
    assert.ok(await byTestId(page, 'code-input').isVisible(), 'the code form stays');
    assert.equal(page.url(), inviteUrl, 'still on the invite page');
    assert.equal((await apiFromPage(page, '/api/v1/me')).status, 401, 'a wrong code signs nobody in');

    // The contact notices the typo and enters the right code.
    await byTestId(page, 'code-input').fill(mail.code);
    await byTestId(page, 'code-submit').click();
    await expectHome(page);
});

portalTest('password set and used', async (page) => {
    const mail = await requestSignInMail(page);
    await byTestId(page, 'code-input').fill(mail.code);
    await byTestId(page, 'code-submit').click();
    await expectHome(page);

    // A common password is refused with a reason; a good one is stored.
    const panel = byTestId(page, 'password-panel');
    await panel.waitFor({ state: 'visible' });
    assert.match(await panel.textContent(), /At least 10 characters/, 'the minimum length is shown');
    await byTestId(page, 'password-input').fill('qwertyuiop');
    await byTestId(page, 'password-submit').click();
    const refusal = byTestId(page, 'password-alert');
    await refusal.waitFor({ state: 'visible' });
    assert.match(await refusal.textContent(), /common/, 'says why the password was refused');
    const password = 'harbour lantern 42 violet';
    await byTestId(page, 'password-input').fill(password);
    await byTestId(page, 'password-submit').click();
    await page.waitForFunction(
        () => document.querySelector('[data-testid="password-status"]')?.textContent.includes('password is set')
    );
    assert.ok(await refusal.isHidden(), 'the earlier refusal is gone');

    await byTestId(page, 'signout').click();
    await page.waitForURL(`${server.baseUrl}/login`);

    // Back in with the password: a wrong one first, then the right one.
    await byTestId(page, 'login-use-password').click();
    await byTestId(page, 'password-login-email').fill(CONTACT_EMAIL);
    await byTestId(page, 'password-login-password').fill('not the password 1');
    await byTestId(page, 'password-login-submit').click();
    const alert = byTestId(page, 'alert');
    await alert.waitFor({ state: 'visible' });
    assert.match(await alert.textContent(), /do not match/);
    assert.equal((await apiFromPage(page, '/api/v1/me')).status, 401, 'a wrong password signs nobody in');
    await byTestId(page, 'password-login-password').fill(password);
    await byTestId(page, 'password-login-submit').click();
    await expectHome(page);
});
