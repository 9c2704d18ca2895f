// Reads the mail the portal server delivers to <data dir>/mailbox/ when no SMTP server is
// configured: one RFC 5322 .eml file per message, file name order = delivery order.

import fs from 'node:fs';
import path from 'node:path';

// ---- MIME decoding (just enough for the portal's own mail) --------------------------------

function splitHeaderAndBody(raw) {
    const match = /\r?\n\r?\n/.exec(raw);
    if (!match) {
        return { headerText: raw, body: '' };
    }
    return { headerText: raw.slice(0, match.index), body: raw.slice(match.index + match[0].length) };
}

export function parseHeaders(headerText) {
    const headers = new Map();
    const unfolded = headerText.replace(/\r?\n[ \t]+/g, ' ');
    for (const line of unfolded.split(/\r?\n/)) {
        const colon = line.indexOf(':');
        if (colon > 0) {
            const name = line.slice(0, colon).trim().toLowerCase();
            const value = line.slice(colon + 1).trim();
            if (!headers.has(name)) {
                headers.set(name, value);
            }
        }
    }
    return headers;
}

export function decodeQuotedPrintable(text) {
    const bytes = Buffer.from(text.replace(/=\r?\n/g, ''), 'utf8');
    const out = [];
    const isHex = (b) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);
    for (let i = 0; i < bytes.length; ++i) {
        if (bytes[i] === 0x3d && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
            out.push(parseInt(String.fromCharCode(bytes[i + 1], bytes[i + 2]), 16));
            i += 2;
        } else {
            out.push(bytes[i]);
        }
    }
    return Buffer.from(out).toString('utf8');
}

function decodeBody(body, transferEncoding) {
    const encoding = (transferEncoding || '7bit').toLowerCase();
    if (encoding === 'base64') {
        return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    }
    if (encoding === 'quoted-printable') {
        return decodeQuotedPrintable(body);
    }
    return body;
}

function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Every text part of a message, decoded: [{ type: 'text/plain', text }, ...].
export function textParts(raw) {
    const { headerText, body } = splitHeaderAndBody(raw);
    const headers = parseHeaders(headerText);
    const contentType = headers.get('content-type') || 'text/plain';
    const type = contentType.split(';')[0].trim().toLowerCase();
    if (type.startsWith('multipart/')) {
        const boundaryMatch = /boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
        if (!boundaryMatch) {
            return [];
        }
        const boundary = boundaryMatch[1] || boundaryMatch[2];
        const pieces = body.split(new RegExp('^--' + escapeRegExp(boundary) + '(?:--)?[ \\t]*\\r?$', 'm'));
        // pieces[0] is the preamble, the last one the epilogue after the closing boundary.
        return pieces
            .slice(1, -1)
            .map((piece) => piece.replace(/^\r?\n/, ''))
            .flatMap((piece) => textParts(piece));
    }
    if (type.startsWith('text/')) {
        return [{ type, text: decodeBody(body, headers.get('content-transfer-encoding')) }];
    }
    return [];
}

function htmlToText(html) {
    return html
        .replace(/<[^>]*>/g, ' ')
        .replace(/&nbsp;/g, ' ')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');
}

// The sign-in code and magic link of a portal mail. Plain text parts are searched first: an
// HTML part may hold other six-digit runs (colours, ids).
export function parseSignInMail(raw) {
    const { headerText } = splitHeaderAndBody(raw);
    const headers = parseHeaders(headerText);
    const parts = textParts(raw);
    const plain = parts.filter((part) => part.type === 'text/plain').map((part) => part.text);
    const html = parts.filter((part) => part.type === 'text/html').map((part) => part.text);
    const texts = [...plain, ...html.map(htmlToText), ...html];

    let code = null;
    for (const text of texts) {
        const match = /code\D{0,40}?\b(\d{6})\b/i.exec(text) || /\b(\d{6})\b/.exec(text);
        if (match) {
            code = match[1];
            break;
        }
    }
    let magicLink = null;
    for (const text of texts) {
        const match = /(https?:\/\/[^\s"'<>/]+)(\/m\/[A-Za-z0-9_-]+)/.exec(text);
        if (match) {
            magicLink = match[1] + match[2];
            break;
        }
    }
    return { to: headers.get('to') || '', subject: headers.get('subject') || '', code, magicLink };
}

// ---- The mailbox folder ----------------------------------------------------------------

export function mailboxDir(dataDir) {
    return path.join(dataDir, 'mailbox');
}

export function listMail(dataDir) {
    const dir = mailboxDir(dataDir);
    if (!fs.existsSync(dir)) {
        return [];
    }
    return fs
        .readdirSync(dir)
        .filter((name) => name.endsWith('.eml'))
        .sort();
}

// Waits for a message that was not in `before` (a list from listMail) and that carries both a
// code and a magic link; a file may still be being written when it first shows up.
export async function waitForSignInMail(dataDir, before, { timeoutMs = 20000 } = {}) {
    const known = new Set(before);
    const deadline = Date.now() + timeoutMs;
    let last = null;
    while (Date.now() < deadline) {
        const fresh = listMail(dataDir).filter((name) => !known.has(name));
        if (fresh.length) {
            const file = path.join(mailboxDir(dataDir), fresh[fresh.length - 1]);
            const raw = fs.readFileSync(file, 'utf8');
            last = { file, ...parseSignInMail(raw) };
            if (last.code && last.magicLink) {
                return last;
            }
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(
        last
            ? `The newest mail (${last.file}) has no sign-in code or magic link`
            : `No new mail arrived in ${mailboxDir(dataDir)} within ${timeoutMs} ms`
    );
}

// Every delivered message, oldest first: its file name, headers of note, the recipient's bare
// address, raw text and decoded text parts.
export function readMailbox(dataDir) {
    return listMail(dataDir).map((name) => {
        const raw = fs.readFileSync(path.join(mailboxDir(dataDir), name), 'utf8');
        const headers = parseHeaders(splitHeaderAndBody(raw).headerText);
        const to = headers.get('to') || '';
        const address = (/<([^>]+)>/.exec(to)?.[1] ?? to).trim();
        return { name, raw, to, address, subject: headers.get('subject') || '', parts: textParts(raw) };
    });
}
