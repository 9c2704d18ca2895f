// Meeting and training tasks as a client contact sees them: the meeting's time in the
// browser's own time zone, its duration, Join and the .ics download (read back by
// python3-icalendar); a training video framed from an allowed host only; both completed.
//
//   cd tests/browser && GATEHOUSE_PORTAL_BIN=/path/to/gatehouse-portal node --test

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';

import { listMail, waitForSignInMail } from './support/mailbox.mjs';
import { PortalServer, freePort, makeDataDir, portalBinary, runCli } from './support/portal.mjs';
import { openTask } from './support/session.mjs';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const PYTHON = process.env.GATEHOUSE_TEST_PYTHON || '/usr/bin/python3';
const READ_ICS = path.join(here, '..', 'calendar', 'read_ics.py');
const CONTACT_EMAIL = 'demo.contact@example.com';
const CHROMIUM = process.env.GATEHOUSE_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const TEST_TIMEOUT_MS = 120000;

// 15:00 in Berlin on 10 March 2027 is 14:00 UTC and 09:00 in New York (EST until 14 March).
const MEETING = {
    date: '2027-03-10',
    time: '15:00',
    timeZone: 'Europe/Berlin',
    durationMinutes: 90,
    url: 'https://meet.example.com/j/123?pwd=a,b;c',
    sequence: 0,
    startsAt: '2027-03-10T14:00:00Z',
    endsAt: '2027-03-10T15:30:00Z',
};
const VIDEO_EMBED = 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ';
const TRAINING = {
    mode: 'video',
    videoUrl: 'https://youtu.be/dQw4w9WgXcQ',
    embedUrl: VIDEO_EMBED,
    provider: 'youtube',
};

let dataDir = null;
let server = null;
let browser = null;
let inviteUrl = null;
let failed = false;

process.on('exit', () => server?.killNow());

// Staff set these up in the console; here the rows are written directly, before the portal
// starts: the kick-off meeting becomes one the client attends, the training gets its video.
async function setUpTasks(databaseFile) {
    const script = `
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE task SET owner_side = 'client', status = 'pending', completed_at = NULL, config = ? WHERE evidence_type = 'meeting'", (sys.argv[2],))
db.execute("UPDATE task SET config = ? WHERE evidence_type = 'training'", (sys.argv[3],))
db.commit()
`;
    await run(PYTHON, ['-c', script, databaseFile, JSON.stringify(MEETING), JSON.stringify(TRAINING)]);
}

before(async () => {
    const bin = portalBinary();
    dataDir = makeDataDir();
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    await runCli(bin, ['--data-dir', dataDir, 'demo']);
    const inviteOutput = await runCli(bin, ['--data-dir', dataDir, 'invite', CONTACT_EMAIL, '--public-url', baseUrl]);
    const match = /https?:\/\/\S+\/i\/[A-Za-z0-9_-]+/.exec(inviteOutput.trim().split(/\r?\n/).pop() ?? '');
    assert.ok(match, `invite printed no invite link:\n${inviteOutput}`);
    inviteUrl = match[0];
    await setUpTasks(path.join(dataDir, 'gatehouse.sqlite'));
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

// A signed-in page in New York time, with the video host answered locally (no internet).
async function signedInPage(context) {
    await context.route('https://www.youtube-nocookie.com/**', (route) =>
        route.fulfill({ status: 200, contentType: 'text/html', body: '<!DOCTYPE html><p>video player</p>' })
    );
    const page = await context.newPage();
    await page.goto(inviteUrl);
    const before = listMail(dataDir);
    await byTestId(page, 'invite-send').click();
    await byTestId(page, 'code-input').waitFor({ state: 'visible' });
    const mail = await waitForSignInMail(dataDir, before);
    await byTestId(page, 'code-input').fill(mail.code);
    await byTestId(page, 'code-submit').click();
    await page.waitForURL(`${server.baseUrl}/`);
    await byTestId(page, 'progress').first().waitFor({ state: 'visible' });
    return page;
}

function portalTest(name, body) {
    test(name, { timeout: TEST_TIMEOUT_MS }, async () => {
        const context = await browser.newContext({
            locale: 'en-US',
            timezoneId: 'America/New_York',
            viewport: { width: 375, height: 800 },
            acceptDownloads: true,
        });
        context.setDefaultTimeout(15000);
        const problems = [];
        try {
            const page = await signedInPage(context);
            page.on('console', (message) => {
                if (message.type() === 'error' && message.text().includes('Content Security Policy')) {
                    problems.push(`CSP violation: ${message.text()}`);
                }
            });
            page.on('pageerror', (error) => problems.push(`Uncaught error in the page: ${error.message}`));
            await body(page, problems);
            assert.deepEqual(problems, [], 'the page reported problems');
        } catch (error) {
            failed = true;
            throw error;
        } finally {
            await context.close();
        }
    });
}

async function taskOfKind(page, kind) {
    const home = await page.evaluate(async () => (await fetch('/api/v1/home', { credentials: 'same-origin' })).json());
    const tasks = home.onboardings.flatMap((onboarding) => onboarding.phases.flatMap((phase) => phase.tasks));
    const task = tasks.find((candidate) => candidate.evidenceType === kind && candidate.ownerSide === 'client');
    assert.ok(task, `the demo has a client ${kind} task`);
    return task;
}

portalTest('a meeting in the contact\'s time zone, Join, .ics download, complete', async (page) => {
    const task = await taskOfKind(page, 'meeting');
    const id = task.id;
    await openTask(page, id);
    const when = byTestId(page, `meeting-when-${id}`);
    await when.waitFor({ state: 'visible' });
    const shown = (await when.textContent()).trim();
    assert.match(shown, /March 10, 2027/, `the date in New York: ${shown}`);
    assert.match(shown, /\b9:00\s?AM\b/, `15:00 Berlin is 9:00 AM in New York: ${shown}`);
    assert.match(shown, /EST|GMT-5/, `the zone is named: ${shown}`);
    assert.equal(await when.getAttribute('datetime'), MEETING.startsAt);
    assert.equal((await byTestId(page, `meeting-duration-${id}`).textContent()).trim(), '1 h 30 min');

    const join = byTestId(page, `meeting-join-${id}`);
    assert.equal(await join.getAttribute('href'), MEETING.url);
    assert.equal(await join.getAttribute('target'), '_blank');
    assert.match(await join.getAttribute('rel'), /noopener/);

    const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, `meeting-ics-${id}`).click()]);
    const file = await download.path();
    const ics = fs.readFileSync(file, 'utf8');
    assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\n'), 'a calendar file with CRLF line ends');
    assert.match(ics, /\r\nDTSTART:20270310T140000Z\r\n/);
    const { stdout } = await run(PYTHON, [READ_ICS, file]);
    const read = JSON.parse(stdout);
    assert.deepEqual(read.errors, []);
    assert.equal(read.start, '2027-03-10T14:00:00+00:00');
    assert.equal(read.end, '2027-03-10T15:30:00+00:00');
    assert.equal(read.url, MEETING.url);
    assert.equal(read.location, MEETING.url);
    assert.equal(read.summary, task.title);

    await byTestId(page, `meeting-complete-${id}`).click();
    await page.waitForFunction(
        (taskId) => document.querySelector(`[data-testid="task-status-${taskId}"]`)?.textContent.trim() === 'Completed',
        id
    );
    assert.equal(await byTestId(page, `meeting-join-${id}`).count(), 0, 'no Join once the meeting is done');
});

portalTest('a training video framed from the allowed host only, then completed', async (page, problems) => {
    const task = await taskOfKind(page, 'training');
    const id = task.id;
    await openTask(page, id);
    const frame = byTestId(page, `training-video-${id}`);
    await frame.waitFor({ state: 'attached' });
    assert.equal(await frame.getAttribute('src'), VIDEO_EMBED);
    assert.ok((await frame.getAttribute('title')).includes(task.title));

    // The CSP refuses a frame from any other host.
    const violation = await page.evaluate(
        () =>
            new Promise((resolve) => {
                document.addEventListener('securitypolicyviolation', (event) => resolve(event.violatedDirective), { once: true });
                const other = document.createElement('iframe');
                other.src = 'https://www.youtube.com/embed/dQw4w9WgXcQ';
                document.body.appendChild(other);
                setTimeout(() => resolve('none'), 5000);
            })
    );
    assert.equal(violation, 'frame-src');
    // That violation was the point: it is taken off the list of problems once it has arrived.
    const expected = (problem) => problem.includes("Framing 'https://www.youtube.com/'");
    for (let waited = 0; !problems.some(expected) && waited < 3000; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(problems.some(expected), 'the browser reported the refused frame');
    problems.splice(0, problems.length, ...problems.filter((problem) => !expected(problem)));

    await byTestId(page, `training-complete-${id}`).click();
    await page.waitForFunction(
        (taskId) => document.querySelector(`[data-testid="task-status-${taskId}"]`)?.textContent.trim() === 'Completed',
        id
    );
});
