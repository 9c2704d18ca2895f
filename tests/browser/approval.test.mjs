// Approval tasks as a client contact answers them: what to approve (the description and the
// attached document), "Request changes" refused without a reason (by the page and by the
// server), with one it blocks the task; staff reopen it and the contact approves. Staff's side
// is checked in the database the console reads.
// Runs the real gatehouse-portal and drives Debian's Chromium (see support/session.mjs).

import assert from 'node:assert/strict';
import fs from 'node:fs';

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
    usePortal,
    waitForStatus,
} from './support/session.mjs';

const PLAN = Buffer.from('%PDF-1.4\n% Go-live plan: Saturday 06:00, rollback by 10:00\n%%EOF\n');
const PLAN_NAME = 'Go-live plan.pdf';

// Staff's side, as the console leaves it: the go-live plan attached to the approval.
let approval = null;
const portal = usePortal({
    setUp: (state) => {
        approval = sql(
            state,
            [
                'import base64, hashlib',
                "out['taskId'] = db.execute(\"SELECT id FROM task WHERE evidence_type = 'approval' AND owner_side = 'client'\").fetchone()[0]",
                'pdf = base64.b64decode(args[0])',
                "workspace = db.execute('SELECT id FROM workspace').fetchone()[0]",
                "fileId = db.execute(\"INSERT INTO stored_file (workspace_id, name, media_type, size, sha256, created_at) VALUES (?, ?, 'application/pdf', ?, ?, 0)\", (workspace, args[1], len(pdf), hashlib.sha256(pdf).hexdigest())).lastrowid",
                "db.execute('INSERT INTO file_chunk (file_id, seq, data) VALUES (?, 0, ?)', (fileId, pdf))",
                "db.execute(\"INSERT INTO task_file (task_id, file_id, role, created_at) VALUES (?, ?, 'attachment', 0)\", (out['taskId'], fileId))",
            ].join('\n'),
            PLAN.toString('base64'),
            PLAN_NAME
        );
    },
});

// What staff see: the decisions, the task's status and the activity feed.
function staffView(taskId) {
    return sql(
        portal,
        [
            "out['decisions'] = db.execute('SELECT decision, comment, ip FROM task_decision WHERE task_id = ? ORDER BY id', (args[0],)).fetchall()",
            "out['status'] = db.execute('SELECT status FROM task WHERE id = ?', (args[0],)).fetchone()[0]",
            "out['activity'] = [r[0] for r in db.execute(\"SELECT summary FROM activity WHERE task_id = ? AND kind LIKE 'approval.%' ORDER BY id\", (args[0],))]",
        ].join('\n'),
        taskId
    );
}

portalTest(portal, 'read what to approve, request changes with a reason, approve once staff reopen it', async (page) => {
    const decisionRequests = [];
    page.on('request', (request) => {
        if (request.method() === 'POST' && /\/decision$/.test(request.url())) {
            decisionRequests.push(request.url());
        }
    });
    await signIn(portal, page);
    const task = await findTask(page, (candidate) => candidate.id === approval.taskId);
    assert.equal(task?.evidenceType, 'approval');
    const id = task.id;
    await openTask(page, id);

    // What is to be approved: the description, and the attached plan to download.
    const card = byTestId(page, `task-${id}`);
    assert.equal(await card.locator('.task__description').textContent(), task.description);
    const view = byTestId(page, `approval-${id}`);
    const link = view.getByRole('link', { name: PLAN_NAME });
    await link.waitFor({ state: 'visible' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.deepEqual(fs.readFileSync(await download.path()), PLAN, 'the very bytes staff attached');

    // Without a reason the request is refused in the page, and by the server.
    await byTestId(page, `approval-reject-${id}`).click();
    const alert = view.locator('[role="alert"]');
    await alert.waitFor({ state: 'visible' });
    assert.equal(await alert.textContent(), 'Say what should change, so we can revise it.');
    assert.equal(
        await page.evaluate(() => document.activeElement?.getAttribute('data-testid')),
        `approval-comment-${id}`,
        'the comment box has the focus'
    );
    assert.deepEqual(decisionRequests, [], 'nothing was sent');
    const blank = await apiPost(page, `/api/v1/tasks/${id}/decision`, { approve: false, comment: '   ' });
    assert.equal(blank.status, 422);
    assert.deepEqual(staffView(id).decisions, [], 'nothing was recorded');

    // With a reason: the task is blocked and the reason is in the history, as text.
    const reason = 'Please avoid a Friday go-live <b>our busiest day</b>';
    await byTestId(page, `approval-comment-${id}`).fill(reason);
    await byTestId(page, `approval-reject-${id}`).click();
    await waitForStatus(page, id, 'Blocked');
    const history = byTestId(page, `approval-history-${id}`);
    await eventually('the decision in the history', async () => (await history.textContent()).includes('Changes requested by Jordan Client'));
    assert.equal(await history.locator('.comment__body').textContent(), reason);
    assert.equal(await byTestId(page, `approval-approve-${id}`).count(), 0, 'no second answer while blocked');
    assert.match(await view.textContent(), /You asked for changes/);
    assert.equal((await apiPost(page, `/api/v1/tasks/${id}/decision`, { approve: true, comment: '' })).status, 409);
    assert.deepEqual(staffView(id), {
        decisions: [['rejected', reason, '127.0.0.1']],
        status: 'blocked',
        activity: [`Jordan Client asked for changes to "${task.title}"`],
    });

    // Staff revise the plan and ask again: the task is open once more.
    setStatusAsStaff(portal, id, 'pending');
    await page.reload();
    await byTestId(page, 'progress').first().waitFor({ state: 'visible' });
    await openTask(page, id);
    await byTestId(page, `approval-approve-${id}`).waitFor({ state: 'visible' });
    await eventually('the earlier request still in the history', async () =>
        (await byTestId(page, `approval-history-${id}`).textContent()).includes(reason)
    );
    await byTestId(page, `approval-comment-${id}`).fill('Saturday works for us.');
    await byTestId(page, `approval-approve-${id}`).click();
    await waitForStatus(page, id, 'Completed');
    await eventually('the approval in the history', async () =>
        (await byTestId(page, `approval-history-${id}`).textContent()).includes('Approved by Jordan Client')
    );
    assert.equal(await byTestId(page, `approval-approve-${id}`).count(), 0, 'an approved task offers no buttons');
    assert.deepEqual(staffView(id), {
        decisions: [
            ['rejected', reason, '127.0.0.1'],
            ['approved', 'Saturday works for us.', '127.0.0.1'],
        ],
        status: 'completed',
        activity: [`Jordan Client asked for changes to "${task.title}"`, `Jordan Client approved "${task.title}"`],
    });
});
