// Meeting tasks as a client contact sees them: the meeting's time in the browser's own time
// zone, its duration, Join and the .ics download (read back by python3-icalendar), completed.
// Runs the real gatehouse-portal and drives Debian's Chromium (see support/session.mjs).

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { byTestId, findTask, openTask, portalTest, signIn, sql, usePortal, waitForStatus } from './support/session.mjs';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const PYTHON = process.env.GATEHOUSE_TEST_PYTHON || '/usr/bin/python3';
const READ_ICS = path.join(here, '..', 'calendar', 'read_ics.py');

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

// Staff set this up in the console: the walk-through becomes this meeting (the demo's own
// kick-off, already held, stays as it is).
const portal = usePortal({
    setUp: (state) => {
        sql(
            state,
            "db.execute(\"UPDATE task SET config = ? WHERE evidence_type = 'meeting' AND owner_side = 'client'\", (json.dumps(args[0]),))",
            MEETING
        );
    },
});

portalTest(
    portal,
    "a meeting in the contact's time zone, Join, .ics download, complete",
    async (page) => {
        await signIn(portal, page);
        const task = await findTask(page, (candidate) => candidate.evidenceType === 'meeting' && candidate.ownerSide === 'client');
        assert.ok(task, 'the demo has a client meeting task');
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
        await waitForStatus(page, id, 'Completed');
        const seen = sql(portal, "out['task'] = db.execute('SELECT status, completed_by FROM task WHERE id = ?', (args[0],)).fetchone()", id);
        assert.deepEqual(seen.task, ['completed', 'Jordan Client'], 'staff see who completed it');
        assert.equal(await byTestId(page, `meeting-join-${id}`).count(), 0, 'no Join once the meeting is done');
    },
    { context: { timezoneId: 'America/New_York' } }
);
