// Runs the real gatehouse-portal executable against a throwaway data directory.

import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export function portalBinary() {
    const bin = process.env.GATEHOUSE_PORTAL_BIN;
    if (!bin) {
        throw new Error('Set GATEHOUSE_PORTAL_BIN to the gatehouse-portal executable');
    }
    if (!fs.existsSync(bin)) {
        throw new Error(`GATEHOUSE_PORTAL_BIN does not exist: ${bin}`);
    }
    return path.resolve(bin);
}

// A port nobody listens on right now: bind to port 0 and let the kernel choose.
export function freePort() {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.unref();
        server.on('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
    });
}

function childEnv() {
    return { ...process.env, QT_QPA_PLATFORM: 'offscreen', LANG: 'C.UTF-8' };
}

// Runs one CLI command to completion and returns its stdout; fails with its output.
export async function runCli(bin, args, { timeoutMs = 60000 } = {}) {
    try {
        const { stdout } = await run(bin, args, { env: childEnv(), timeout: timeoutMs, maxBuffer: 4 << 20 });
        return stdout;
    } catch (error) {
        throw new Error(
            `${path.basename(bin)} ${args.join(' ')} failed (${error.code ?? error.signal}):\n` +
                `${error.stdout ?? ''}${error.stderr ?? ''}`
        );
    }
}

export class PortalServer {
    constructor(bin, dataDir, port) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
        this.baseUrl = `http://127.0.0.1:${port}`;
        this.child = null;
        this.output = [];
        this.exited = null;
    }

    log() {
        return this.output.join('').split('\n').slice(-200).join('\n');
    }

    async start({ timeoutMs = 30000 } = {}) {
        const args = ['--data-dir', this.dataDir, 'serve', '--listen', `127.0.0.1:${this.port}`, '--public-url', this.baseUrl];
        this.child = spawn(this.bin, args, { env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
        const collect = (chunk) => {
            this.output.push(chunk.toString('utf8'));
        };
        this.child.stdout.on('data', collect);
        this.child.stderr.on('data', collect);
        this.exitedPromise = new Promise((resolve) => {
            this.child.on('exit', (code, signal) => {
                this.exited = { code, signal };
                resolve(this.exited);
            });
            this.child.on('error', (error) => {
                this.output.push(`spawn error: ${error.message}\n`);
                this.exited = { code: null, signal: null, error };
                resolve(this.exited);
            });
        });

        const deadline = Date.now() + timeoutMs;
        while (Date.now() < deadline) {
            if (this.exited) {
                throw new Error(`The portal server exited during start-up (${JSON.stringify(this.exited)}):\n${this.log()}`);
            }
            try {
                const response = await fetch(`${this.baseUrl}/api/v1/branding`, { signal: AbortSignal.timeout(2000) });
                if (response.ok) {
                    return;
                }
            } catch {
                // Not listening yet.
            }
            await new Promise((resolve) => setTimeout(resolve, 150));
        }
        throw new Error(`The portal server did not answer /api/v1/branding within ${timeoutMs} ms:\n${this.log()}`);
    }

    // Stops the process this object started: SIGTERM, then SIGKILL if it does not go.
    async stop({ graceMs = 5000 } = {}) {
        if (!this.child || this.exited) {
            return;
        }
        this.child.kill('SIGTERM');
        const timer = new Promise((resolve) => setTimeout(resolve, graceMs, 'timeout'));
        if ((await Promise.race([this.exitedPromise, timer])) === 'timeout') {
            this.child.kill('SIGKILL');
            await this.exitedPromise;
        }
    }

    killNow() {
        if (this.child && !this.exited) {
            this.child.kill('SIGKILL');
        }
    }
}

export function makeDataDir() {
    return fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-browser-'));
}
