// The mail reader the browser test depends on: if it misreads a message, the browser test
// fails for the wrong reason. These cases need no portal server.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { decodeQuotedPrintable, parseSignInMail } from './support/mailbox.mjs';

const LINK = 'http://127.0.0.1:45678/m/Abc_def-GHI123';

test('quoted-printable: soft line breaks, =3D and UTF-8 bytes', () => {
    assert.equal(decodeQuotedPrintable('a=3Db=\r\nc =E2=80=A2 d=\nend'), 'a=bc \u2022 dend');
});

test('a single quoted-printable text part', () => {
    const raw = [
        'From: Acme IT <portal@example.com>',
        'To: demo.contact@example.com',
        'Subject: Your sign-in code',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        'Hello,',
        'Your sign-in code: 482913',
        'Or open http://127.0.0.1:45678/m/Abc_def=',
        '-GHI123 to sign in.',
        '',
    ].join('\r\n');
    const mail = parseSignInMail(raw);
    assert.equal(mail.to, 'demo.contact@example.com');
    assert.equal(mail.code, '482913');
    assert.equal(mail.magicLink, LINK);
});

test('multipart/alternative with base64 text and an HTML part holding other digits', () => {
    const text = Buffer.from(`Your sign-in code: 070145\nSign in: ${LINK}\n`).toString('base64');
    const raw = [
        'To: "Demo Contact" <demo.contact@example.com>',
        'Subject: Sign in',
        'Content-Type: multipart/alternative;',
        ' boundary="b1=_xyz"',
        '',
        'preamble',
        '--b1=_xyz',
        'Content-Type: text/html; charset=utf-8',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        '<p style=3D"color:#111111">Code <b>070145</b></p><a href=3D"' + LINK + '">Sign in</a>',
        '--b1=_xyz',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: base64',
        '',
        text.slice(0, 20),
        text.slice(20),
        '--b1=_xyz--',
        '',
    ].join('\r\n');
    const mail = parseSignInMail(raw);
    assert.match(mail.to, /demo\.contact@example\.com/);
    assert.equal(mail.code, '070145');
    assert.equal(mail.magicLink, LINK);
});

test('a mail without a code yields none', () => {
    const mail = parseSignInMail('To: a@example.com\r\nSubject: Hi\r\n\r\nNothing to see, call 12345.\r\n');
    assert.equal(mail.code, null);
    assert.equal(mail.magicLink, null);
});
