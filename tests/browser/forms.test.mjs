// Form tasks as a client contact fills them in: a form saved with an invalid field (the
// browser's message, then the server's), fixed and saved (the Saved badge), submitted. The
// staff side is checked in the database the console reads. Checklists: checklist.test.mjs.
// Runs the real gatehouse-portal and drives Debian's Chromium (see support/session.mjs).

import assert from 'node:assert/strict';

import { byTestId, eventually, openTask, portalTest, signIn, sql, statusOf, usePortal } from './support/session.mjs';

const PAYLOAD = '<img src=x onerror="window.__xss=1">Example & Co';

const FORM = {
    multipleEntries: false,
    fields: [
        { id: 'company', label: 'Company name', type: 'short_text', required: true, help: 'As on your invoices.' },
        { id: 'size', label: 'Company size', type: 'single_select', required: true, help: '', options: ['1-10', '11-50'] },
        { id: 'email', label: 'IT contact email', type: 'email', required: true, help: 'Where we send alerts.' },
        { id: 'backup', label: 'Do you have backups?', type: 'yes_no', required: true, help: '' },
        { id: 'systems', label: 'Systems', type: 'multi_select', required: false, help: '', options: ['Windows', 'macOS'] },
        { id: 'start', label: 'Preferred start', type: 'date', required: false, help: '' },
        { id: 'seats', label: 'Seats', type: 'number', required: false, help: '' },
        { id: 'phone', label: 'Phone', type: 'phone', required: false, help: '' },
        { id: 'site', label: 'Website', type: 'url', required: false, help: '' },
        { id: 'notes', label: 'Anything else', type: 'long_text', required: false, help: '' },
    ],
};

// Staff's side, as the console's FormService would leave it: the demo's questionnaire gets
// these questions.
let formId = null;
const portal = usePortal({
    setUp: (state) => {
        formId = sql(
            state,
            [
                "out['form'] = db.execute(\"SELECT id FROM task WHERE evidence_type = 'form' AND owner_side = 'client'\").fetchone()[0]",
                "db.execute('UPDATE task SET config = ? WHERE id = ?', (json.dumps(args[0]), out['form']))",
            ].join('\n'),
            FORM
        ).form;
    },
});

portalTest(
    portal,
    'fill in a form: invalid, fixed, saved, submitted',
    async (page) => {
        await signIn(portal, page);
        const form = String(formId);
        await openTask(page, form);
        await byTestId(page, `form-save-${form}`).waitFor({ state: 'visible' });

        // Labels, help and the required mark are there and tied to the controls.
        const company = byTestId(page, 'field-company');
        assert.equal(await company.getAttribute('aria-required'), 'true');
        const help = await company.getAttribute('aria-describedby');
        assert.equal(await page.locator(`[id="${help}"]`).textContent(), 'As on your invoices.');
        assert.equal(await page.getByLabel('Company name').count(), 1, 'the label names its input');
        assert.equal(await byTestId(page, `form-saved-${form}`).isVisible(), false, 'nothing saved yet');

        // An invalid email: the browser's check stops it, with a message by the field.
        await company.fill(PAYLOAD);
        await byTestId(page, 'field-size').selectOption('11-50');
        await byTestId(page, 'field-email').fill('it at example');
        await byTestId(page, 'field-backup-yes').check();
        await byTestId(page, 'field-systems-1').check();
        await byTestId(page, 'field-start').fill('2027-03-01');
        await byTestId(page, 'field-seats').fill('12');
        await byTestId(page, `form-save-${form}`).click();
        const emailError = byTestId(page, 'field-error-email');
        await emailError.waitFor({ state: 'visible' });
        assert.match(await emailError.textContent(), /email address/);
        assert.equal(await byTestId(page, 'field-email').getAttribute('aria-invalid'), 'true');
        assert.ok((await byTestId(page, 'field-email').getAttribute('aria-describedby')).includes('-error'));
        assert.equal(
            await page.evaluate(() => document.activeElement && document.activeElement.getAttribute('data-testid')),
            'field-email',
            'the first invalid field has the focus'
        );
        assert.deepEqual(sql(portal, "out['n'] = db.execute('SELECT COUNT(*) FROM form_entry').fetchone()[0]").n, 0);

        // The server's check: meanwhile staff withdrew "11-50", which the page still offers.
        sql(
            portal,
            "db.execute('UPDATE task SET config = ? WHERE id = ?', (json.dumps(args[0]), args[1]))",
            { ...FORM, fields: FORM.fields.map((f) => (f.id === 'size' ? { ...f, options: ['1-10', '51+'] } : f)) },
            formId
        );
        await byTestId(page, 'field-email').fill('it@example.com');
        await byTestId(page, `form-save-${form}`).click();
        const sizeError = byTestId(page, 'field-error-size');
        await sizeError.waitFor({ state: 'visible' });
        assert.equal(await sizeError.textContent(), 'Choose one of the options offered.');
        assert.equal(await emailError.isVisible(), false, 'the fixed field is no longer marked');
        assert.deepEqual(sql(portal, "out['n'] = db.execute('SELECT COUNT(*) FROM form_entry').fetchone()[0]").n, 0);

        // Fixed: saved, and the card says so.
        await byTestId(page, 'field-size').selectOption('1-10');
        await byTestId(page, `form-save-${form}`).click();
        await byTestId(page, `form-saved-${form}`).waitFor({ state: 'visible' });
        await eventually('the form task to be in progress', async () => (await statusOf(page, form)) === 'In progress');
        assert.equal(await byTestId(page, 'field-company').inputValue(), PAYLOAD, 'the answer comes back as typed');
        assert.equal(await page.evaluate(() => window.__xss), undefined, 'the answer stayed text');

        // Staff see the entry as the contact wrote it.
        const entry = sql(
            portal,
            "row = db.execute('SELECT answers, author_name FROM form_entry WHERE task_id = ?', (args[0],)).fetchone()\n" +
                "out['answers'] = json.loads(row[0])\nout['author'] = row[1]",
            formId
        );
        assert.equal(entry.author, 'Jordan Client');
        assert.deepEqual(entry.answers, {
            company: PAYLOAD, size: '1-10', email: 'it@example.com', backup: true,
            systems: ['macOS'], start: '2027-03-01', seats: 12,
        });

        // Submitted: completed and read-only.
        await byTestId(page, `form-submit-${form}`).click();
        await eventually('the form task to be completed', async () => (await statusOf(page, form)) === 'Completed');
        assert.equal(await byTestId(page, `form-save-${form}`).count(), 0);
    },
    { context: { viewport: { width: 390, height: 900 } } }
);
