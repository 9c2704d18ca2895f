// Several accounts on one email (ACC-8) as a contact meets them: the demo contact's address is
// also a contact at Birch Bakery. After the emailed code the portal asks which company to open
// (keyboard usable, the first one focused); Birch's onboarding follows; the header's switcher
// opens Example Dental's portal with a new session, and the old one is over.
// Runs the real gatehouse-portal and drives Debian's Chromium (see support/session.mjs).

import assert from 'node:assert/strict';

import { listMail, waitForSignInMail } from './support/mailbox.mjs';
import { CONTACT_EMAIL, apiFromPage, byTestId, portalTest, sql, usePortal } from './support/session.mjs';

const BIRCH = 'Birch Bakery';
const BIRCH_ONBOARDING = 'Birch Bakery rollout';
const BIRCH_TASK = "Send us the bakery's floor plan";

// Staff added the same person as a contact of a second client, with an onboarding of its own.
const portal = usePortal({
    setUp: (state) => {
        sql(
            state,
            [
                'import time',
                'now = int(time.time() * 1000)',
                "workspace = db.execute('SELECT id FROM workspace').fetchone()[0]",
                "company = db.execute('INSERT INTO company (workspace_id, name, created_at) VALUES (?, ?, ?)', (workspace, args[0], now)).lastrowid",
                "db.execute('INSERT INTO contact (company_id, name, email, created_at) VALUES (?, ?, ?, ?)', (company, 'Jordan Client', args[1], now))",
                "onboarding = db.execute(\"INSERT INTO onboarding (company_id, name, start_date, created_at) VALUES (?, ?, '2027-01-04', ?)\", (company, args[2], now)).lastrowid",
                "phase = db.execute(\"INSERT INTO phase (onboarding_id, position, name) VALUES (?, 0, 'Getting started')\", (onboarding,)).lastrowid",
                "db.execute(\"INSERT INTO task (onboarding_id, phase_id, position, title, evidence_type, owner_side, updated_at) VALUES (?, ?, 0, ?, 'standard', 'client', ?)\", (onboarding, phase, args[3], now))",
            ].join('\n'),
            BIRCH,
            CONTACT_EMAIL,
            BIRCH_ONBOARDING,
            BIRCH_TASK
        );
    },
});

async function focusedTestId(page) {
    return page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
}

portalTest(portal, 'choose a company after the emailed code, then switch in the header', async (page) => {
    await page.goto(portal.inviteUrl);
    const before = listMail(portal.dataDir);
    await byTestId(page, 'invite-send').click();
    await byTestId(page, 'code-input').waitFor({ state: 'visible' });
    const mail = await waitForSignInMail(portal.dataDir, before);
    await byTestId(page, 'code-input').fill(mail.code);
    await byTestId(page, 'code-submit').click();

    // The chooser: both companies by name, the first one focused, nothing else reachable.
    const chooser = byTestId(page, 'account-chooser');
    await chooser.waitFor({ state: 'visible' });
    assert.equal((await page.locator('h1').textContent()).trim(), 'Choose a company');
    const choices = (await chooser.locator('button').allTextContents()).map((text) => text.trim());
    assert.deepEqual(choices, [BIRCH, 'Example Dental']);
    assert.equal(await focusedTestId(page), 'account-choice-0');
    assert.equal((await apiFromPage(page, '/api/v1/home')).status, 401);
    // The keyboard moves through the list.
    await page.keyboard.press('ArrowDown');
    assert.equal(await focusedTestId(page), 'account-choice-1');
    await page.keyboard.press('ArrowUp');
    assert.equal(await focusedTestId(page), 'account-choice-0');
    const chooserMe = await apiFromPage(page, '/api/v1/me');
    assert.equal(chooserMe.body.required, 'account_choice');

    // Birch Bakery, chosen with the keyboard: its onboarding.
    await page.keyboard.press('Enter');
    await page.waitForURL(`${portal.server.baseUrl}/`);
    await page.getByRole('heading', { name: BIRCH_TASK, exact: true }).waitFor({ state: 'visible' });
    assert.equal((await byTestId(page, 'home-company').textContent()).trim(), BIRCH);
    const birchMe = await apiFromPage(page, '/api/v1/me');
    assert.equal(birchMe.body.company.name, BIRCH);
    assert.deepEqual(
        birchMe.body.otherAccounts.map((account) => account.company),
        ['Example Dental']
    );
    const birchHome = await apiFromPage(page, '/api/v1/home');
    assert.deepEqual(
        birchHome.body.onboardings.map((onboarding) => onboarding.name),
        [BIRCH_ONBOARDING]
    );
    const birchCookie = (await page.context().cookies()).find((cookie) => cookie.name === 'gh_session');
    assert.ok(birchCookie);

    // The header's switcher lists the other company; switching opens its portal.
    const toggle = byTestId(page, 'account-switch');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    const target = byTestId(page, 'account-switch-to-0');
    await target.waitFor({ state: 'visible' });
    assert.equal((await target.textContent()).trim(), 'Example Dental');
    assert.equal(await focusedTestId(page), 'account-switch-to-0');
    await target.click();
    await eventuallyCompany(page, 'Example Dental');
    assert.equal(await page.getByRole('heading', { name: BIRCH_TASK, exact: true }).count(), 0, "Birch's task is gone");
    await byTestId(page, 'progress').first().waitFor({ state: 'visible' });
    const dentalMe = await apiFromPage(page, '/api/v1/me');
    assert.equal(dentalMe.body.company.name, 'Example Dental');
    const dentalHome = await apiFromPage(page, '/api/v1/home');
    assert.ok(!dentalHome.body.onboardings.some((onboarding) => onboarding.name === BIRCH_ONBOARDING));

    // A new session: Birch's cookie opens nothing any more.
    const dentalCookie = (await page.context().cookies()).find((cookie) => cookie.name === 'gh_session');
    assert.notEqual(dentalCookie.value, birchCookie.value);
    const other = await page.context().browser().newContext();
    try {
        await other.addCookies([{ ...birchCookie }]);
        const stale = await other.request.get(`${portal.server.baseUrl}/api/v1/me`);
        assert.equal(stale.status(), 401);
    } finally {
        await other.close();
    }
});

async function eventuallyCompany(page, name) {
    await page.waitForFunction(
        (expected) => document.querySelector('[data-testid="home-company"]')?.textContent?.trim() === expected,
        name,
        { timeout: 15000 }
    );
}
