// Portal roles (ACC-12) as a contact meets them: a read-only contact sees the onboarding but
// no button to complete, upload or sign, a request forced from the page is refused with 403,
// and a role changed by staff applies on the next request, without signing in again. A meeting
// still shows a read-only contact its Join link and calendar file, without Mark complete.
// Runs the real gatehouse-portal and drives Debian's Chromium (see support/session.mjs).

import assert from 'node:assert/strict';

import { apiFromPage, apiPost, byTestId, eventually, findTask, openTask, portalTest, signIn, sql, usePortal } from './support/session.mjs';

function setRole(state, builtIn) {
    sql(
        state,
        "db.execute(\"UPDATE contact SET role_id = (SELECT id FROM portal_role WHERE built_in = ?) WHERE email = 'demo.contact@example.com'\", (args[0],))",
        builtIn
    );
}

// The client's meeting, scheduled by staff with a link to join.
const MEETING = {
    date: '2027-03-10',
    time: '15:00',
    timeZone: 'Europe/Berlin',
    durationMinutes: 60,
    url: 'https://meet.example.com/j/42',
    sequence: 0,
    startsAt: '2027-03-10T14:00:00Z',
    endsAt: '2027-03-10T15:00:00Z',
};

const portal = usePortal({
    setUp: (state) => {
        setRole(state, 'read_only');
        sql(
            state,
            "db.execute(\"UPDATE task SET config = ? WHERE evidence_type = 'meeting' AND owner_side = 'client'\", (json.dumps(args[0]),))",
            MEETING
        );
    },
});

portalTest(portal, 'a read-only contact follows the onboarding but cannot act on it', async (page) => {
    await signIn(portal, page);
    const me = await apiFromPage(page, '/api/v1/me');
    assert.deepEqual(me.body.permissions, ['onboarding.view', 'comments.read']);

    const standard = await findTask(page, (task) => task.evidenceType === 'standard' && task.ownerSide === 'client' && task.status === 'pending');
    const upload = await findTask(page, (task) => task.evidenceType === 'upload' && task.ownerSide === 'client');
    const signature = await findTask(page, (task) => task.evidenceType === 'signature' && task.ownerSide === 'client');
    assert.ok(standard && upload && signature);

    // The cards are there, with what they say, but nothing to act with.
    for (const task of [standard, upload, signature]) {
        await byTestId(page, `task-${task.id}`).waitFor({ state: 'visible' });
        await byTestId(page, `task-view-only-${task.id}`).waitFor({ state: 'visible' });
        assert.equal(await byTestId(page, `task-open-${task.id}`).count(), 0, `no view to act on task ${task.id}`);
        assert.equal(await byTestId(page, `comment-input-${task.id}`).count(), 0, 'the conversation is read-only');
    }
    assert.equal(await byTestId(page, `task-complete-${standard.id}`).count(), 0);
    assert.equal(await page.locator('input[type="file"]').count(), 0, 'nothing to upload with');
    assert.equal(await page.locator('[data-testid="questions"] form').count(), 0, 'no question form');

    // The server refuses all the same, and nothing changes.
    const forced = await apiPost(page, `/api/v1/tasks/${standard.id}/complete`, { note: 'forced' });
    assert.equal(forced.status, 403);
    assert.equal(forced.body.code, 'not_permitted');
    const comment = await apiPost(page, `/api/v1/tasks/${standard.id}/comments`, { body: 'forced' });
    assert.equal(comment.status, 403);
    const after = await findTask(page, (task) => task.id === standard.id);
    assert.equal(after.status, 'pending');
});

portalTest(portal, 'a role changed by staff applies on the next request', async (page) => {
    setRole(portal, 'read_only');
    await signIn(portal, page);
    const standard = await findTask(page, (task) => task.evidenceType === 'standard' && task.ownerSide === 'client' && task.status === 'pending');
    await byTestId(page, `task-view-only-${standard.id}`).waitFor({ state: 'visible' });

    setRole(portal, 'primary');
    await page.reload();
    await byTestId(page, `task-complete-${standard.id}`).waitFor({ state: 'visible' });
    assert.equal(await byTestId(page, `task-view-only-${standard.id}`).count(), 0);
    await byTestId(page, `task-complete-${standard.id}`).click();
    await byTestId(page, `task-submit-${standard.id}`).click();
    await eventually('the task to be completed', async () => (await findTask(page, (task) => task.id === standard.id)).status === 'completed');
});

portalTest(portal, 'a read-only contact can join a meeting and add it to the calendar, not complete it', async (page) => {
    setRole(portal, 'read_only');
    await signIn(portal, page);
    const meeting = await findTask(page, (task) => task.evidenceType === 'meeting' && task.ownerSide === 'client');
    assert.ok(meeting, 'the demo has a client meeting');
    assert.equal(meeting.status, 'pending');
    const id = meeting.id;
    await openTask(page, id);
    const join = byTestId(page, `meeting-join-${id}`);
    await join.waitFor({ state: 'visible' });
    assert.equal(await join.getAttribute('href'), MEETING.url);
    const ics = byTestId(page, `meeting-ics-${id}`);
    await ics.waitFor({ state: 'visible' });
    assert.equal(await ics.getAttribute('href'), `/api/v1/tasks/${id}/meeting.ics`);
    const calendar = await apiFromPage(page, `/api/v1/tasks/${id}/meeting.ics`);
    assert.equal(calendar.status, 200);
    assert.match(String(calendar.body), /BEGIN:VEVENT/);
    assert.equal(await byTestId(page, `meeting-complete-${id}`).count(), 0, 'no Mark complete');
    await byTestId(page, `task-view-only-${id}`).waitFor({ state: 'visible' });

    const forced = await apiPost(page, `/api/v1/tasks/${id}/complete`, { note: '' });
    assert.equal(forced.status, 403);
    assert.equal(forced.body.code, 'not_permitted');
    assert.equal((await findTask(page, (task) => task.id === id)).status, 'pending');
});
