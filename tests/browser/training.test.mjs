// Training tasks as a client contact sees them: a video framed from YouTube (no-cookie), Vimeo
// or Loom only, never from another host (the page refuses to frame it, the CSP too), marked
// complete; a training in person shows its instructions and leaves completing to staff (the
// server refuses it from the contact). The video hosts are answered locally: no internet.
// Runs the real gatehouse-portal and drives Debian's Chromium (see support/session.mjs).

import assert from 'node:assert/strict';

import {
    apiPost,
    byTestId,
    eventually,
    findTask,
    openTask,
    portalTest,
    setStatusAsStaff,
    signIn,
    sql,
    statusOf,
    usePortal,
    waitForStatus,
} from './support/session.mjs';

const VIDEOS = {
    youtube: {
        mode: 'video',
        videoUrl: 'https://youtu.be/dQw4w9WgXcQ',
        embedUrl: 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
        provider: 'youtube',
    },
    vimeo: {
        mode: 'video',
        videoUrl: 'https://vimeo.com/76979871',
        embedUrl: 'https://player.vimeo.com/video/76979871',
        provider: 'vimeo',
    },
    loom: {
        mode: 'video',
        videoUrl: 'https://www.loom.com/share/0123456789abcdef0123456789abcdef',
        embedUrl: 'https://www.loom.com/embed/0123456789abcdef0123456789abcdef',
        provider: 'loom',
    },
    // What a tampered row might hold: no allowed host anywhere.
    elsewhere: {
        mode: 'video',
        videoUrl: 'https://videos.example.net/watch/1',
        embedUrl: 'https://videos.example.net/embed/1',
        provider: 'youtube',
    },
};

// Staff's side, as the console leaves it: four more client tasks become video trainings (the
// demo's own training is in person).
let ids = null;
const portal = usePortal({
    setUp: (state) => {
        ids = sql(
            state,
            [
                "out['inPerson'] = db.execute(\"SELECT id FROM task WHERE evidence_type = 'training'\").fetchone()[0]",
                "spare = [r[0] for r in db.execute(\"SELECT id FROM task WHERE evidence_type = 'standard' AND status = 'pending' ORDER BY id\")]",
                'for name, taskId in zip(args[0], spare):',
                "    out[name] = taskId",
                "    db.execute(\"UPDATE task SET evidence_type = 'training', owner_side = 'client', config = ? WHERE id = ?\", (json.dumps(args[1][name]), taskId))",
            ].join('\n'),
            Object.keys(VIDEOS),
            VIDEOS
        );
        assert.equal(Object.keys(ids).length, 5, 'enough demo tasks to turn into trainings');
    },
});

// The video hosts answer with a stub player, so nothing leaves the machine.
async function stubVideoHosts(context) {
    for (const host of ['www.youtube-nocookie.com', 'player.vimeo.com', 'www.loom.com']) {
        await context.route(`https://${host}/**`, (route) =>
            route.fulfill({ status: 200, contentType: 'text/html', body: '<!DOCTYPE html><p>video player</p>' })
        );
    }
}

function staffView(taskId) {
    return sql(
        portal,
        [
            "out['task'] = db.execute('SELECT status, completed_by FROM task WHERE id = ?', (args[0],)).fetchone()",
            "out['activity'] = [r[0] for r in db.execute('SELECT summary FROM activity WHERE task_id = ? ORDER BY id', (args[0],))]",
        ].join('\n'),
        taskId
    );
}

portalTest(portal, 'videos framed from the allowed hosts only, one marked complete', async (page, { context, problems }) => {
    await stubVideoHosts(context);
    await signIn(portal, page);

    for (const name of ['youtube', 'vimeo', 'loom']) {
        const id = ids[name];
        await openTask(page, id);
        const frame = byTestId(page, `training-video-${id}`);
        await frame.waitFor({ state: 'attached' });
        assert.equal(await frame.getAttribute('src'), VIDEOS[name].embedUrl, `the ${name} player`);
        assert.match(await frame.getAttribute('title'), /^Training video: /);
        assert.match(await frame.getAttribute('sandbox'), /allow-scripts/);
        assert.equal(await frame.getAttribute('referrerpolicy'), 'strict-origin');
        assert.equal(await byTestId(page, `training-complete-${id}`).count(), 1);
    }
    const youtube = page.frameLocator(`[data-testid="training-video-${ids.youtube}"]`);
    await youtube.locator('p').waitFor({ state: 'visible' });
    assert.equal(await youtube.locator('p').textContent(), 'video player', 'the frame loaded (from the stub)');

    // Another host is never framed: the page shows no player, and the server refuses completion.
    await openTask(page, ids.elsewhere);
    await byTestId(page, `training-unset-${ids.elsewhere}`).waitFor({ state: 'visible' });
    assert.equal(await byTestId(page, `training-video-${ids.elsewhere}`).count(), 0);
    assert.equal(await byTestId(page, `training-complete-${ids.elsewhere}`).count(), 0);
    const forced = await apiPost(page, `/api/v1/tasks/${ids.elsewhere}/complete`, { note: '' });
    assert.equal(forced.status, 409);
    assert.equal(staffView(ids.elsewhere).task[0], 'pending');

    // Nor would the browser frame it if a script tried: the CSP refuses that host.
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
    await eventually('the browser to report the refused frame', async () => problems.some(expected), 3000);
    problems.splice(0, problems.length, ...problems.filter((problem) => !expected(problem)));

    // Watched and marked complete; staff see who did it.
    await byTestId(page, `training-complete-${ids.youtube}`).click();
    await waitForStatus(page, ids.youtube, 'Completed');
    assert.equal(await byTestId(page, `training-complete-${ids.youtube}`).count(), 0);
    const seen = staffView(ids.youtube);
    assert.deepEqual(seen.task, ['completed', 'Jordan Client']);
    assert.ok(seen.activity.some((summary) => summary.startsWith('Jordan Client completed')), JSON.stringify(seen.activity));
    assert.equal(await statusOf(page, ids.vimeo), 'Pending', 'the other trainings are untouched');
});

portalTest(portal, 'a training in person: instructions, completed by staff only', async (page) => {
    await signIn(portal, page);
    const id = ids.inPerson;
    const task = await findTask(page, (candidate) => candidate.id === id);
    assert.equal(task.config.mode, 'in_person');
    await openTask(page, id);

    const instructions = byTestId(page, `training-instructions-${id}`);
    await instructions.waitFor({ state: 'visible' });
    assert.equal(await instructions.textContent(), task.config.instructions);
    assert.match(await byTestId(page, `training-in-person-${id}`).textContent(), /takes place in person/);
    assert.equal(await byTestId(page, `training-complete-${id}`).count(), 0, 'no Mark complete for the contact');
    assert.equal(await page.locator(`[data-testid="task-${id}"] iframe`).count(), 0);

    // Forced from the page anyway, the server refuses it and nothing changes.
    const forced = await apiPost(page, `/api/v1/tasks/${id}/complete`, { note: 'I was there' });
    assert.equal(forced.status, 409);
    assert.match(forced.body.error, /in person/);
    assert.deepEqual(staffView(id).task, ['pending', '']);

    // Staff mark it done after the session; the contact sees it on the next load.
    setStatusAsStaff(portal, id, 'completed');
    await page.reload();
    await waitForStatus(page, id, 'Completed');
    await openTask(page, id);
    await instructions.waitFor({ state: 'visible' });
    assert.equal(await byTestId(page, `training-in-person-${id}`).count(), 0, 'no "in person" hint once done');
    assert.deepEqual(staffView(id).task, ['completed', 'Dana Admin']);
});
