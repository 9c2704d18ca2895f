// "View portal as…" (CON-7) as the portal shows it: a member of staff's read-only view, holding
// the session cookie the way the console's web view does (set in the browser's cookie store for
// the portal's origin, HttpOnly; never in a URL), sees a banner naming them on the page and has
// a change refused with a clear message; the contact, signed in themselves later, sees who
// viewed their portal and when.
// Runs the real gatehouse-portal and drives Debian's Chromium (see support/session.mjs).

import assert from 'node:assert/strict';
import crypto from 'node:crypto';

import { CONTACT_EMAIL, byTestId, eventually, findTask, portalTest, signIn, sql, usePortal } from './support/session.mjs';

const portal = usePortal();

// What ImpersonationService::start stores for the console (a session whose token only the
// console's web view holds, and the view's own row); returns the token. (No audit event: those
// are hash-chained, and tst_impersonation checks them.)
function startView(readOnly) {
    const token = crypto.randomBytes(32).toString('base64url');
    const hash = crypto.createHash('sha256').update(token).digest('hex');
    sql(
        portal,
        [
            'import time',
            'now = int(time.time() * 1000)',
            'expires = now + 15 * 60 * 1000',
            "contact = db.execute('SELECT id FROM contact WHERE email = ?', (args[0],)).fetchone()[0]",
            "staff = db.execute('SELECT id, name, email FROM staff ORDER BY id LIMIT 1').fetchone()",
            "session = db.execute(\"INSERT INTO portal_session (contact_id, token_hash, created_at, last_seen_at, expires_at, user_agent) VALUES (?, ?, ?, ?, ?, 'Gatehouse console')\", "
                + '(contact, args[1], now, now, expires)).lastrowid',
            "db.execute('INSERT INTO impersonation (session_id, contact_id, staff_id, staff_name, staff_email, reason, read_only, started_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', "
                + "(session, contact, staff[0], staff[1], staff[2], 'Ticket 4711', args[2], now, expires))",
        ].join('\n'),
        CONTACT_EMAIL,
        hash,
        readOnly ? 1 : 0
    );
    return token;
}

// The console's End button: the view and its session end.
function endViews() {
    sql(
        portal,
        [
            'import time',
            'now = int(time.time() * 1000)',
            "db.execute('UPDATE portal_session SET revoked_at = ? WHERE id IN (SELECT session_id FROM impersonation WHERE ended_at IS NULL)', (now,))",
            "db.execute(\"UPDATE impersonation SET ended_at = ?, ended_how = 'closed' WHERE ended_at IS NULL\", (now,))",
        ].join('\n')
    );
}

portalTest(portal, "a staff member's read-only view names them and refuses changes", async (page, { context }) => {
    const token = startView(true);
    await context.addCookies([{ name: 'gh_session', value: token, url: portal.server.baseUrl, httpOnly: true, sameSite: 'Lax' }]);
    await page.goto(`${portal.server.baseUrl}/`);
    await byTestId(page, 'progress').first().waitFor({ state: 'visible' });

    const banner = byTestId(page, 'impersonation-banner');
    await banner.waitFor({ state: 'visible' });
    assert.equal(await banner.getAttribute('role'), 'status');
    const text = (await banner.textContent()) ?? '';
    assert.match(text, /Dana Admin/);
    assert.match(text, /read-only/);
    assert.equal(await banner.locator('button').count(), 0, 'nothing dismisses the banner');
    assert.ok(!page.url().includes(token), 'the token is never in the address');

    // A change, as the contact would make it, is refused with the reason.
    const standard = await findTask(page, (task) => task.evidenceType === 'standard' && task.ownerSide === 'client' && task.status === 'pending');
    assert.ok(standard);
    await byTestId(page, `task-complete-${standard.id}`).click();
    await byTestId(page, `task-submit-${standard.id}`).click();
    const toast = page.locator('.toast');
    await toast.waitFor({ state: 'visible' });
    assert.match((await toast.textContent()) ?? '', /read-only view of the portal for staff/);
    assert.equal((await findTask(page, (task) => task.id === standard.id)).status, 'pending');

    // Still there after a reload: the banner is on every view of the session.
    await page.reload();
    await banner.waitFor({ state: 'visible' });

    // Ended in the console: the page has no session left.
    endViews();
    await page.reload();
    await byTestId(page, 'login-email').waitFor({ state: 'visible' });
    assert.equal(await banner.count(), 0);
});

portalTest(portal, 'the contact sees who viewed their portal and when', async (page) => {
    await signIn(portal, page);
    assert.equal(await byTestId(page, 'impersonation-banner').count(), 0, 'no banner in their own session');
    const viewers = byTestId(page, 'viewer');
    await eventually('the list of views', async () => (await viewers.count()) >= 1);
    const first = (await viewers.first().textContent()) ?? '';
    assert.match(first, /^Viewed by Dana Admin at .+\d/);
    assert.match(first, /read-only/);
    await byTestId(page, 'viewers-panel').getByText('Staff who viewed your portal').waitFor({ state: 'visible' });
});
