// The portal's home as the demo contact sees it, for the README: signs in on a running copy of
// the portal over the given data folder, asks the MSP a question (so that the console's Inbox
// has one to show) and saves the page. scripts/screenshots.sh runs it.
//
//     GATEHOUSE_PORTAL_BIN=build/portalserver/gatehouse-portal \
//         node scripts/portal-screenshot.mjs DATA_DIR OUT.png
//
// Needs tests/browser's node modules (npm ci there) and Debian's chromium.

import path from 'node:path';

import { PortalServer, freePort, portalBinary, runCli } from '../tests/browser/support/portal.mjs';
import { CONTACT_EMAIL, apiPost, signIn } from '../tests/browser/support/session.mjs';

const { chromium } = await import(new URL('../tests/browser/node_modules/playwright-core/index.mjs', import.meta.url));

const [dataDir, output] = process.argv.slice(2);
if (!dataDir || !output) {
    console.error('usage: node scripts/portal-screenshot.mjs DATA_DIR OUT.png');
    process.exit(2);
}

const bin = portalBinary();
const port = await freePort();
const server = new PortalServer(bin, dataDir, port);
const inviteOutput = await runCli(bin, ['--data-dir', dataDir, 'invite', CONTACT_EMAIL, '--public-url', server.baseUrl]);
const inviteUrl = /https?:\/\/\S+\/i\/[A-Za-z0-9_-]+/.exec(inviteOutput.trim().split(/\r?\n/).pop() ?? '')?.[0];
if (!inviteUrl) {
    console.error(`invite printed no link:\n${inviteOutput}`);
    process.exit(1);
}

let browser = null;
try {
    await server.start();
    browser = await chromium.launch({
        executablePath: process.env.GATEHOUSE_CHROMIUM || '/usr/bin/chromium',
        headless: true,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn({ dataDir, inviteUrl, server }, page);
    const asked = await apiPost(page, '/api/v1/questions', {
        body: 'Can we move the network walk-through to the afternoon? Our office opens at noon on Fridays.',
    });
    if (asked.status !== 201) {
        throw new Error(`asking a question failed: ${asked.status} ${JSON.stringify(asked.body)}`);
    }
    // Fonts and the progress bars settle; the picture is of the page at rest.
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: path.resolve(output) });
} catch (error) {
    console.error(`${error.stack ?? error}\nPortal output:\n${server.log()}`);
    process.exitCode = 1;
} finally {
    await browser?.close().catch(() => {});
    await server.stop();
}
