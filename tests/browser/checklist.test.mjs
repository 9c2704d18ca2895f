// Checklist tasks as a client contact works through them: items ticked with the mouse and the
// keyboard, the progress following, one unticked again, the last tick completing the task,
// which then stays closed. Staff's side (who ticked what, when) is checked in the database the
// console reads. Runs the real gatehouse-portal and drives Debian's Chromium (see
// support/session.mjs).

import assert from 'node:assert/strict';

import {
    apiPost,
    byTestId,
    eventually,
    findTask,
    openTask,
    portalTest,
    signIn,
    sql,
    statusOf,
    usePortal,
    waitForStatus,
} from './support/session.mjs';

const portal = usePortal();

// What staff see: every tick in order, with who and when, and the activity feed.
function staffView(taskId) {
    return sql(
        portal,
        [
            "out['ticks'] = db.execute('SELECT item_id, ticked, actor_kind, actor_name, created_at FROM checklist_tick WHERE task_id = ? ORDER BY id', (args[0],)).fetchall()",
            "out['status'] = db.execute('SELECT status FROM task WHERE id = ?', (args[0],)).fetchone()[0]",
            "out['activity'] = [r[0] for r in db.execute(\"SELECT summary FROM activity WHERE task_id = ? AND kind LIKE 'checklist.%' ORDER BY id\", (args[0],))]",
        ].join('\n'),
        taskId
    );
}

portalTest(portal, 'tick, untick and tick to completion; staff see who and when', async (page) => {
    const started = Date.now();
    await signIn(portal, page);
    const task = await findTask(page, (candidate) => candidate.evidenceType === 'checklist' && candidate.ownerSide === 'client');
    assert.ok(task, 'the demo onboarding has a checklist for the client');
    const id = task.id;
    const items = task.config.items;
    assert.ok(items.length >= 3, 'the demo checklist has a few items');
    await openTask(page, id);

    const progress = byTestId(page, `checklist-progress-${id}`);
    const expectProgress = (done) =>
        eventually(`${done} of ${items.length} done`, async () => (await progress.textContent()) === `${done} of ${items.length} done`);
    await expectProgress(0);
    const list = byTestId(page, `checklist-${id}`);
    for (const item of items) {
        assert.equal(await list.getByLabel(item.text).count(), 1, `the item "${item.text}" is labelled`);
    }
    assert.equal(await statusOf(page, id), 'Pending');

    // The first item with the mouse: progress moves, the task is under way, the tick is signed.
    const box = (item) => byTestId(page, `checklist-item-${item.id}`);
    await box(items[0]).check();
    await expectProgress(1);
    await waitForStatus(page, id, 'In progress');
    // "Ticked by ..." is what the box's description says.
    const who = async (item) => {
        const described = await box(item).getAttribute('aria-describedby');
        return described ? page.locator(`[id="${described}"]`).textContent() : '';
    };
    await eventually('who ticked the first item', async () => (await who(items[0])).includes('Ticked by Jordan Client'));

    // The second with the keyboard, then the first unticked again.
    await box(items[1]).focus();
    await page.keyboard.press('Space');
    await expectProgress(2);
    await box(items[0]).uncheck();
    await expectProgress(1);
    await eventually('who unticked the first item', async () => (await who(items[0])).includes('Unticked by Jordan Client'));
    assert.equal(await box(items[0]).isChecked(), false);
    assert.equal(await box(items[1]).isChecked(), true);
    assert.equal(await statusOf(page, id), 'In progress', 'unticking keeps the task open');

    // An item that does not exist is refused and changes nothing.
    const unknown = await apiPost(page, `/api/v1/tasks/${id}/checklist`, { item: 'no-such-item', ticked: true });
    assert.equal(unknown.status, 404);

    // The rest, the last tick completing the task.
    for (const item of [items[0], ...items.slice(2)]) {
        await box(item).check();
    }
    await waitForStatus(page, id, 'Completed');
    await expectProgress(items.length);
    for (const item of items) {
        assert.equal(await box(item).isDisabled(), true, 'a completed checklist is closed');
    }
    const late = await apiPost(page, `/api/v1/tasks/${id}/checklist`, { item: items[0].id, ticked: false });
    assert.equal(late.status, 409, 'a completed checklist cannot be changed');

    // It stays so after a reload.
    await page.reload();
    await openTask(page, id);
    await expectProgress(items.length);
    await waitForStatus(page, id, 'Completed');

    // Staff see every change, by whom and when, in order.
    const seen = staffView(id);
    assert.equal(seen.status, 'completed');
    const order = [[items[0].id, 1], [items[1].id, 1], [items[0].id, 0], [items[0].id, 1], ...items.slice(2).map((item) => [item.id, 1])];
    assert.deepEqual(seen.ticks.map(([item, ticked, kind, name]) => [item, ticked, kind, name]), order.map(([item, ticked]) => [item, ticked, 'contact', 'Jordan Client']));
    const times = seen.ticks.map((tick) => tick[4]);
    assert.ok(times[0] >= started - 60000 && times.every((time, index) => index === 0 || time >= times[index - 1]), `tick times in order: ${times}`);
    assert.equal(seen.activity.length, order.length);
    assert.equal(seen.activity[2], `Jordan Client unticked "${items[0].text}" in "${task.title}" (1 of ${items.length} done)`);
    assert.equal(seen.activity.at(-1), `Jordan Client ticked "${items.at(-1).text}" in "${task.title}" (${items.length} of ${items.length} done)`);
});
