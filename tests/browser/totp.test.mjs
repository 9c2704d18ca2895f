// The authenticator app (TOTP, ACC-10) as a contact uses it: set it up in the account panel
// (the code computed here from the key the page shows, as a phone app would), sign out, sign in
// with the emailed code and then the app's code, and again with a recovery code.
// Runs the real gatehouse-portal and drives Debian's Chromium (see support/session.mjs).

import assert from 'node:assert/strict';
import crypto from 'node:crypto';

import { listMail, waitForSignInMail } from './support/mailbox.mjs';
import { apiFromPage, byTestId, eventually, portalTest, signIn, usePortal } from './support/session.mjs';

const portal = usePortal();

// RFC 4648 base32, as the page shows the key (spaces between groups).
function base32Decode(text) {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    let bits = 0;
    let value = 0;
    const bytes = [];
    for (const char of text.replace(/[\s=]/g, '').toUpperCase()) {
        const index = alphabet.indexOf(char);
        assert.ok(index >= 0, `not base32: ${char}`);
        value = (value << 5) | index;
        bits += 5;
        if (bits >= 8) {
            bytes.push((value >>> (bits - 8)) & 0xff);
            bits -= 8;
        }
    }
    return Buffer.from(bytes);
}

// RFC 6238 with SHA-1, 30 s steps, 6 digits; `stepOffset` steps from now.
function totp(secret, stepOffset = 0) {
    const step = Math.floor(Date.now() / 30000) + stepOffset;
    const counter = Buffer.alloc(8);
    counter.writeBigUInt64BE(BigInt(step));
    const mac = crypto.createHmac('sha1', secret).update(counter).digest();
    const offset = mac[mac.length - 1] & 0x0f;
    const number = (mac.readUInt32BE(offset) & 0x7fffffff) % 1000000;
    return String(number).padStart(6, '0');
}

async function signOut(page) {
    await byTestId(page, 'signout').click();
    await page.waitForURL(`${portal.server.baseUrl}/login`);
}

// The emailed-code step of a sign-in; the page then asks for the second step.
async function firstStep(page) {
    await page.goto(portal.inviteUrl);
    const before = listMail(portal.dataDir);
    await byTestId(page, 'invite-send').click();
    await byTestId(page, 'code-input').waitFor({ state: 'visible' });
    const mail = await waitForSignInMail(portal.dataDir, before);
    await byTestId(page, 'code-input').fill(mail.code);
    await byTestId(page, 'code-submit').click();
    await byTestId(page, 'totp-code-input').waitFor({ state: 'visible' });
}

async function expectHome(page) {
    await page.waitForURL(`${portal.server.baseUrl}/`);
    await byTestId(page, 'progress').first().waitFor({ state: 'visible' });
    assert.equal((await apiFromPage(page, '/api/v1/home')).status, 200);
}

portalTest(portal, 'set up an authenticator app, then sign in with its code and with a recovery code', async (page) => {
    await signIn(portal, page);

    // Set-up in the account panel.
    const panel = byTestId(page, 'totp-panel');
    await panel.scrollIntoViewIfNeeded();
    await byTestId(page, 'totp-start').click();
    const shown = (await byTestId(page, 'totp-secret').textContent()) ?? '';
    const secret = base32Decode(shown);
    assert.equal(secret.length, 20, `a 20-byte key: ${shown}`);
    // The QR code loads as an image (the page's CSP allows it: no CSP problem is reported).
    await eventually('the QR code to load', () =>
        byTestId(page, 'totp-qr').evaluate((image) => image.complete && image.naturalWidth > 0)
    );
    const uri = await byTestId(page, 'totp-uri').getAttribute('href');
    assert.match(uri, /^otpauth:\/\/totp\/.+\?secret=[A-Z2-7]{32}&issuer=/);

    // A wrong code is refused with a message and the app stays off.
    const confirmCode = byTestId(page, 'totp-confirm-code');
    assert.equal(await confirmCode.getAttribute('inputmode'), 'numeric');
    assert.equal(await confirmCode.getAttribute('autocomplete'), 'one-time-code');
    const right = totp(secret);
    await confirmCode.fill(right === '000000' ? '111111' : '000000');
    await byTestId(page, 'totp-confirm').click();
    await byTestId(panel, 'alert').waitFor({ state: 'visible' });
    assert.match(await byTestId(panel, 'alert').textContent(), /not correct/);
    assert.equal(await confirmCode.getAttribute('aria-invalid'), 'true');
    const me = await apiFromPage(page, '/api/v1/me');
    assert.equal(me.body.totp.enabled, false);

    await confirmCode.fill(totp(secret));
    await byTestId(page, 'totp-confirm').click();
    await byTestId(page, 'recovery-codes').waitFor({ state: 'visible' });
    const recoveryCodes = (await byTestId(page, 'recovery-code').allTextContents()).map((code) => code.trim());
    assert.equal(recoveryCodes.length, 10);
    for (const code of recoveryCodes) {
        assert.match(code, /^[A-Z2-7]{5}-[A-Z2-7]{5}$/);
    }
    await byTestId(page, 'recovery-done').click();
    await byTestId(page, 'totp-status').waitFor({ state: 'visible' });
    assert.equal((await apiFromPage(page, '/api/v1/me')).body.totp.enabled, true);
    // The key is not shown again, nor sent.
    assert.equal(await byTestId(page, 'totp-secret').count(), 0);
    assert.equal((await apiFromPage(page, '/api/v1/account/totp/qr.svg')).status, 404);
    assert.ok(!JSON.stringify((await apiFromPage(page, '/api/v1/me')).body).includes(shown.replace(/\s/g, '')));

    // Sign in again: the emailed code, then the app's code. The step the set-up used is spent,
    // so the app's next code is typed (the server accepts one step either way).
    await signOut(page);
    await firstStep(page);
    const stepInput = byTestId(page, 'totp-code-input');
    assert.equal(await stepInput.getAttribute('inputmode'), 'numeric');
    assert.equal(await stepInput.getAttribute('autocomplete'), 'one-time-code');
    // The half-session reaches nothing else.
    assert.equal((await apiFromPage(page, '/api/v1/home')).status, 401);
    await stepInput.fill(totp(secret, 1));
    await byTestId(page, 'totp-code-submit').click();
    await expectHome(page);

    // And with a recovery code, typed as people do.
    await signOut(page);
    await firstStep(page);
    await byTestId(page, 'totp-use-recovery').click();
    const recoveryInput = byTestId(page, 'totp-code-input');
    assert.equal(await recoveryInput.getAttribute('inputmode'), 'text');
    await recoveryInput.fill(recoveryCodes[0].toLowerCase());
    await byTestId(page, 'totp-code-submit').click();
    await expectHome(page);
    assert.equal((await apiFromPage(page, '/api/v1/me')).body.totp.recoveryCodesLeft, 9);

    // A recovery code works once.
    await signOut(page);
    await firstStep(page);
    await byTestId(page, 'totp-use-recovery').click();
    await byTestId(page, 'totp-code-input').fill(recoveryCodes[0]);
    await byTestId(page, 'totp-code-submit').click();
    const alert = byTestId(page, 'alert').first();
    await alert.waitFor({ state: 'visible' });
    assert.match(await alert.textContent(), /not correct/);
    assert.equal((await apiFromPage(page, '/api/v1/home')).status, 401);
});
