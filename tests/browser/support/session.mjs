// What the portal's browser tests share: one portal over a fresh demo workspace per test file
// (its own rate-limit counters), Debian's Chromium, signing in by email code, and small helpers.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';

import { listMail, waitForSignInMail } from './mailbox.mjs';
import { PortalServer, freePort, makeDataDir, portalBinary, runCli } from './portal.mjs';

export const CONTACT_EMAIL = 'demo.contact@example.com';
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

// Starts the portal before the file's tests and stops it after; returns the live state
// (dataDir, server, inviteUrl), filled in once `before` has run.
export function usePortal() {
    const state = { dataDir: null, server: null, browser: null, inviteUrl: null, failed: false };
    process.on('exit', () => state.server?.killNow());
    before(async () => {
        const bin = portalBinary();
        state.dataDir = makeDataDir();
        const port = await freePort();
        const baseUrl = `http://127.0.0.1:${port}`;
        await runCli(bin, ['--data-dir', state.dataDir, 'demo']);
        const output = await runCli(bin, ['--data-dir', state.dataDir, 'invite', CONTACT_EMAIL, '--public-url', baseUrl]);
        const match = /https?:\/\/\S+\/i\/[A-Za-z0-9_-]+/.exec(output.trim().split(/\r?\n/).pop() ?? '');
        assert.ok(match, `invite printed no invite link as its last line:\n${output}`);
        state.inviteUrl = match[0];
        state.server = new PortalServer(bin, state.dataDir, port);
        await state.server.start();
        state.browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    });
    after(async () => {
        await state.browser?.close().catch(() => {});
        await state.server?.stop();
        if (state.failed) {
            console.error(`Portal server output:\n${state.server?.log() ?? '(not started)'}`);
            console.error(`Data directory kept for inspection: ${state.dataDir}`);
        } else if (state.dataDir) {
            fs.rmSync(state.dataDir, { recursive: true, force: true });
        }
    });
    return state;
}

// A test with a fresh browser context (no cookies) that fails when the page broke the
// Content Security Policy or threw.
export function portalTest(state, name, body) {
    test(name, { timeout: TEST_TIMEOUT_MS }, async () => {
        const context = await state.browser.newContext({ locale: 'en-US', viewport: { width: 375, height: 800 } });
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
            state.failed = true;
            throw error;
        } finally {
            await context.close();
        }
    });
}

// Polls until `check` returns a truthy value (which is returned) or fails with `what`.
export async function eventually(what, check, timeoutMs = 10000) {
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

export function byTestId(page, id) {
    return page.locator(`[data-testid="${id}"]`);
}

export async function apiFromPage(page, path, init = {}) {
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

// Signs in through the invite link and the emailed code; the page ends on the home page.
export async function signIn(state, page) {
    await page.goto(state.inviteUrl);
    const before = listMail(state.dataDir);
    await byTestId(page, 'invite-send').click();
    await byTestId(page, 'code-input').waitFor({ state: 'visible' });
    const mail = await waitForSignInMail(state.dataDir, before);
    await byTestId(page, 'code-input').fill(mail.code);
    await byTestId(page, 'code-submit').click();
    await page.waitForURL(`${state.server.baseUrl}/`);
    await byTestId(page, 'progress').first().waitFor({ state: 'visible' });
}

// The first task of the signed-in contact's company that matches.
export async function findTask(page, predicate) {
    const home = await apiFromPage(page, '/api/v1/home');
    assert.equal(home.status, 200);
    return home.body.onboardings.flatMap((onboarding) => onboarding.phases.flatMap((phase) => phase.tasks)).find(predicate);
}

// Opens a task's own view under its card (views are built when opened).
export async function openTask(page, taskId) {
    const opener = page.locator(`[data-testid="task-open-${taskId}"]`);
    await opener.waitFor({ state: 'visible' });
    if ((await opener.getAttribute('aria-expanded')) !== 'true') {
        await opener.click();
    }
}
