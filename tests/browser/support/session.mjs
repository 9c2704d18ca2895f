// What the portal's browser tests share: one portal over a fresh demo workspace per test file
// (its own rate-limit counters), Debian's Chromium, signing in by email code, and small helpers.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';

import { listMail, waitForSignInMail } from './mailbox.mjs';
import { PortalServer, freePort, makeDataDir, portalBinary, runCli } from './portal.mjs';

export const CONTACT_EMAIL = 'demo.contact@example.com';
const PYTHON = process.env.GATEHOUSE_TEST_PYTHON || 'python3';
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
// (dataDir, server, inviteUrl), filled in once `before` has run. `setUp(state)` runs on the
// fresh demo workspace before the server starts: what staff would have set up in the console.
export function usePortal({ setUp } = {}) {
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
        if (setUp) {
            await setUp(state);
        }
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
// Content Security Policy, threw or opened a dialog. `options.context` adds to the context's
// options (time zone, ...); the body gets (page, { context, problems }) and may take from
// `problems` a violation it provoked on purpose.
export function portalTest(state, name, body, options = {}) {
    test(name, { timeout: TEST_TIMEOUT_MS }, async () => {
        const context = await state.browser.newContext({
            locale: 'en-US',
            viewport: { width: 375, height: 800 },
            ...(options.context ?? {}),
        });
        context.setDefaultTimeout(15000);
        const problems = [];
        const page = await context.newPage();
        page.on('console', (message) => {
            if (message.type() === 'error' && message.text().includes('Content Security Policy')) {
                problems.push(`CSP violation: ${message.text()}`);
            }
        });
        page.on('pageerror', (error) => problems.push(`Uncaught error in the page: ${error.message}`));
        page.on('dialog', (dialog) => {
            problems.push(`A ${dialog.type()} dialog opened: ${dialog.message()}`);
            dialog.dismiss().catch(() => {});
        });
        try {
            await body(page, { context, problems });
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

// A state-changing request as the page's own code sends it: with the session's CSRF token.
export async function apiPost(page, path, body = {}) {
    const me = await apiFromPage(page, '/api/v1/me');
    assert.equal(me.status, 200, 'signed in');
    return apiFromPage(page, path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.body.csrfToken },
        body: JSON.stringify(body),
    });
}

// Runs Python against the portal's SQLite file, as staff's console would read or change it:
// `script` sees `db`, `args` (the rest of the arguments) and fills `out`, which is returned.
export function sql(state, script, ...args) {
    const program = [
        'import json, sqlite3, sys',
        'db = sqlite3.connect(sys.argv[1], timeout=10)',
        'args = json.loads(sys.argv[3])',
        'out = {}',
        'exec(sys.argv[2])',
        'db.commit()',
        'print(json.dumps(out))',
    ].join('\n');
    const output = execFileSync(PYTHON, ['-c', program, path.join(state.dataDir, 'gatehouse.sqlite'), script, JSON.stringify(args)]);
    return JSON.parse(output.toString());
}

// Staff set a task's status in the console (OnboardingService::setStatusAsStaff): the task row
// and an activity row, which is also what tells the portal its cached home page is stale. (No
// audit event: those are hash-chained, and the tests do not read them.)
export function setStatusAsStaff(state, taskId, status) {
    sql(
        state,
        [
            'import time',
            'now = int(time.time() * 1000)',
            "done = args[1] == 'completed'",
            "db.execute(\"UPDATE task SET status = ?, completed_at = ?, completed_by = ?, completion_note = '', updated_at = ? WHERE id = ?\", "
                + "(args[1], now if done else None, 'Dana Admin' if done else '', now, args[0]))",
            "o = db.execute('SELECT c.workspace_id, o.company_id, o.id, t.title FROM task t JOIN onboarding o ON o.id = t.onboarding_id JOIN company c ON c.id = o.company_id WHERE t.id = ?', (args[0],)).fetchone()",
            "db.execute(\"INSERT INTO activity (workspace_id, company_id, onboarding_id, task_id, kind, actor, summary, created_at) VALUES (?, ?, ?, ?, 'task.status', 'Dana Admin', ?, ?)\", "
                + "(o[0], o[1], o[2], args[0], 'Dana Admin set \"%s\" to %s' % (o[3], args[1]), now))",
        ].join('\n'),
        taskId,
        status
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

// The status pill of a task's card, as the contact reads it.
export async function statusOf(page, taskId) {
    return ((await byTestId(page, `task-status-${taskId}`).textContent()) ?? '').trim();
}

export async function waitForStatus(page, taskId, status) {
    await eventually(`task ${taskId} to show ${status}`, async () => (await statusOf(page, taskId)) === status);
}
