// Pages (ONB-7) as a client contact reads them: the demo's pages open in place with their
// headings and lists, and a page planted with script in every form Markdown allows shows as
// text, runs nothing and breaks no Content Security Policy rule. Runs the real
// gatehouse-portal and drives Debian's Chromium (see support/session.mjs).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

import { apiFromPage, byTestId, eventually, portalTest, signIn, usePortal } from './support/session.mjs';

const portal = usePortal();

const PLANTED_TITLE = '<img src=x onerror=alert("title")>Planted';
const PLANTED_BODY = [
    '## Planted heading',
    '',
    '<script>alert("script")</script>',
    '',
    '<img src=x onerror=alert("img")>',
    '',
    '[js](javascript:alert("js")) [mixed](JaVaScRiPt:alert("mixed")) [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '',
    '<iframe src="javascript:alert(\'iframe\')"></iframe>',
    '',
    '<https://example.com/"onmouseover="alert(\'autolink\')>',
    '',
    '![pic](https://evil.example/x.png "t")',
    '',
    '<svg onload=alert("svg")>',
    '',
    '- still a list item',
].join('\n');

// Staff's side, as the console would store it: a visible page written straight into the
// portal's database.
function plantPage(title, body) {
    const script = [
        'import sqlite3, sys',
        'db = sqlite3.connect(sys.argv[1])',
        'ws = db.execute("SELECT id FROM workspace ORDER BY id LIMIT 1").fetchone()[0]',
        'db.execute("INSERT INTO portal_page (workspace_id, title, body, visible, position, created_at, updated_at) '
            + 'VALUES (?, ?, ?, 1, 100, 0, 0)", (ws, sys.argv[2], sys.argv[3]))',
        'db.commit()',
    ].join('\n');
    execFileSync('python3', ['-c', script, path.join(portal.dataDir, 'gatehouse.sqlite'), title, body]);
}

portalTest(portal, 'the demo pages open in place with headings, lists and safe links', async (page) => {
    await signIn(portal, page);
    const panel = byTestId(page, 'pages');
    await panel.waitFor({ state: 'visible' });
    const summaries = panel.locator('summary');
    await eventually('the three demo pages', async () => (await summaries.count()) === 3);
    assert.deepEqual(await summaries.allTextContents(), ['Welcome', 'How to reach support', 'Security FAQ']);

    // Closed until opened, then the rendered Markdown.
    const faq = panel.locator('details', { hasText: 'Security FAQ' });
    const question = faq.getByRole('heading', { name: 'Will you ever ask for my password by email?' });
    assert.equal(await question.isVisible(), false);
    await faq.locator('summary').click();
    await question.waitFor({ state: 'visible' });
    assert.equal(await faq.getAttribute('open'), '');
    const link = faq.getByRole('link', { name: 'advice for small organisations' });
    assert.equal(await link.getAttribute('href'), 'https://www.ncsc.gov.uk/collection/small-business-guide');
    assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
    assert.equal(await link.getAttribute('target'), '_blank');

    // By keyboard too: the summary is focusable and Enter opens it.
    const welcome = panel.locator('details', { hasText: 'Welcome' });
    await welcome.locator('summary').focus();
    await page.keyboard.press('Enter');
    await welcome.getByRole('heading', { name: 'Welcome to your client portal' }).waitFor({ state: 'visible' });
    const items = welcome.getByRole('listitem');
    assert.equal(await items.count(), 3);
    assert.match(await items.first().textContent(), /see what we need from you/);
});

portalTest(portal, 'a page planted with script shows as text and runs nothing', async (page) => {
    plantPage(PLANTED_TITLE, PLANTED_BODY);
    const dialogs = [];
    page.on('dialog', async (dialog) => {
        dialogs.push(dialog.message());
        await dialog.dismiss();
    });
    await signIn(portal, page);
    const api = await apiFromPage(page, '/api/v1/pages');
    assert.equal(api.status, 200);
    const planted = api.body.pages.find((candidate) => candidate.title === PLANTED_TITLE);
    assert.ok(planted, 'the planted page is served');

    const details = byTestId(page, `page-${planted.id}`);
    await details.waitFor({ state: 'visible' });
    assert.equal(await details.locator('summary').textContent(), PLANTED_TITLE); // as text
    await details.locator('summary').click();
    await details.getByRole('heading', { name: 'Planted heading' }).waitFor({ state: 'visible' });
    await details.getByRole('listitem').filter({ hasText: 'still a list item' }).waitFor({ state: 'visible' });
    // Give anything that might run a moment to do so, and hover where a handler could be.
    await details.getByRole('link').first().hover().catch(() => {});
    await page.waitForTimeout(500);

    const live = await page.evaluate((id) => {
        const root = document.querySelector(`[data-testid="page-${id}"]`);
        const found = [];
        root.querySelectorAll('*').forEach((element) => {
            if (/^(SCRIPT|IMG|IFRAME|SVG|OBJECT|EMBED|STYLE|FORM)$/i.test(element.tagName)) {
                found.push(`<${element.tagName}>`);
            }
            Array.from(element.attributes).forEach((attribute) => {
                if (/^on/i.test(attribute.name)) {
                    found.push(`${element.tagName} ${attribute.name}`);
                }
                if (/^(href|src)$/i.test(attribute.name) && !/^(https?:|mailto:)/i.test(attribute.value)) {
                    found.push(`${element.tagName} ${attribute.name}=${attribute.value}`);
                }
            });
        });
        return found;
    }, planted.id);
    assert.deepEqual(live, [], 'nothing live in the rendered page');
    assert.deepEqual(dialogs, [], 'no script ran');
    // The links that were dangerous are plain text now; the autolink keeps its quote escaped.
    const links = await details.getByRole('link').evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href')));
    assert.deepEqual(links, ['https://example.com/%22onmouseover=%22alert(\'autolink\')']);
    assert.match(await details.textContent(), /pic/); // the image as its text
});
