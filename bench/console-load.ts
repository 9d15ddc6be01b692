import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { PassphraseProtector } from '../src/main/crypto/passphrase-protector';
import { openDesk } from '../src/main/desk';
import { createLogger } from '../src/main/log';
import { startPortal } from '../src/main/portal/portal-server';
import { startHttpShell } from '../src/main/rpc/http-transport';
import { SESSION_PROOF_HEADER, consoleSessionKey, sessionProof } from '../src/main/rpc/session-proof';
import { CONSOLE_LOAD_WORKER_SOURCE } from './console-load-worker';
import { signInFirstAdmin } from './operator';
import { type BenchEntry, atMost, distribution, info } from './report';

export interface ConsoleLoadOptions {
  dataDir: string;
  samples: number;
  log: (line: string) => void;
}

/** As many parallel unauthenticated POSTs as the security review used. */
const ATTACKERS = 24;
const PASSWORD = 'Harbour lights 42';

/** Forms that each want a password hashed: a wrong activation code, wrong reset codes, a wrong sign-in. */
const FORMS = [
  { path: '/activate', body: new URLSearchParams({ code: 'ABCD-EFGH-JKLM', username: 'guesser', password: PASSWORD, password2: PASSWORD }).toString() },
  { path: '/recover/reset', body: new URLSearchParams({ username: 'nobody', resetCode: '123456', password: PASSWORD, password2: PASSWORD }).toString() },
  { path: '/recover/counter', body: new URLSearchParams({ username: 'nobody', counterCode: 'ABCD-EFGH-JKLM', password: PASSWORD, password2: PASSWORD }).toString() },
  { path: '/code/sign-in', body: new URLSearchParams({ username: 'nobody', password: PASSWORD }).toString() },
];

/** Times `n` console calls one after another over one keep-alive connection, as the page makes them; milliseconds. */
async function consoleCalls(url: string, headers: Record<string, string>, n: number): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const body = '{}';
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const req = http.request(
        `${url}rpc/staff.list`,
        { method: 'POST', agent, headers: { ...headers, 'content-type': 'application/json', 'content-length': String(body.length) } },
        (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`staff.list answered ${res.statusCode}`))));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const times: number[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const start = performance.now();
      await one();
      times.push(performance.now() - start);
    }
  } finally {
    agent.destroy();
  }
  return times;
}

/** Starts the attackers; resolves to a function that stops them and returns their answers by status. */
function attack(portalPort: number): { stop(): Promise<Record<string, number>> } {
  const worker = new Worker(CONSOLE_LOAD_WORKER_SOURCE, { eval: true, workerData: { port: portalPort, concurrency: ATTACKERS, forms: FORMS } });
  const answered = new Promise<Record<string, number>>((resolve, reject) => {
    worker.once('message', (statuses: Record<string, number>) => void worker.terminate().then(() => resolve(statuses)));
    worker.once('error', reject);
  });
  return {
    stop: () => {
      worker.postMessage('stop');
      return answered;
    },
  };
}

/**
 * The console's RPC latency (staff.list over loopback HTTP, which reads the store on sqlite3's
 * share of libuv's thread pool) idle, and while 24 unauthenticated POSTs at a time hit the
 * end-user pages, each asking for a scrypt hash (128 MiB, on the same thread pool). The ratio
 * of the two p99s is what the password queue keeps small.
 */
export async function runConsoleLoadBench(o: ConsoleLoadOptions): Promise<BenchEntry[]> {
  fs.mkdirSync(o.dataDir, { recursive: true });
  const rendererDir = path.join(o.dataDir, 'renderer');
  fs.mkdirSync(rendererDir, { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>bench</title>');
  const desk = await openDesk({
    dataDir: o.dataDir,
    protector: new PassphraseProtector(crypto.randomBytes(24).toString('base64url')),
    log: createLogger(() => undefined),
  });
  const sessionKey = consoleSessionKey(desk.dataKey);
  const shell = await startHttpShell(desk.router, { host: '127.0.0.1', port: 0, rendererDir, log: desk.log, sessionKey });
  const portal = await startPortal(desk, { host: '127.0.0.1', port: 0 });
  try {
    const token = (await signInFirstAdmin(desk)).token()!;
    const origin = shell.url.replace(/\/$/, '');
    const headers = { origin, cookie: `desk_session_${shell.port}=${token}`, [SESSION_PROOF_HEADER]: sessionProof(sessionKey, token) };

    await consoleCalls(shell.url, headers, 100); // warm-up
    const idle = distribution(await consoleCalls(shell.url, headers, o.samples));
    const attackers = attack(Number(new URL(portal.url).port));
    // Let the queue fill before timing, so every sample meets the attack at full strength.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    let loaded;
    let statuses: Record<string, number>;
    try {
      loaded = distribution(await consoleCalls(shell.url, headers, o.samples));
    } finally {
      statuses = await attackers.stop();
    }
    const answered = Object.values(statuses).reduce((a, b) => a + b, 0);
    o.log(
      `console under load: staff.list p99 ${idle.p99.toFixed(2)} ms idle, ${loaded.p99.toFixed(2)} ms with ${ATTACKERS} parallel unauthenticated POSTs ` +
        `(answers: ${Object.entries(statuses).map(([s, n]) => `${s}×${n}`).join(' ')})`,
    );
    return [
      info('console: staff.list over HTTP, p50 idle', idle.p50, 'ms'),
      info('console: staff.list over HTTP, p99 idle', idle.p99, 'ms'),
      info(`console: staff.list over HTTP, p50 under ${ATTACKERS} parallel unauthenticated POSTs`, loaded.p50, 'ms'),
      info(`console: staff.list over HTTP, p99 under ${ATTACKERS} parallel unauthenticated POSTs`, loaded.p99, 'ms'),
      atMost(`console: p99 under ${ATTACKERS} parallel unauthenticated POSTs / p99 idle`, loaded.p99 / idle.p99, 'x', 20),
      info('console: end-user POSTs answered during the measurement', answered, 'requests'),
      info('console: of them checked (400/401: a password hashed)', (statuses['400'] ?? 0) + (statuses['401'] ?? 0), 'requests'),
      info('console: of them refused busy (503: the password queue full)', statuses['503'] ?? 0, 'requests'),
      info('console: of them failed otherwise (neither 400, 401 nor 503)', answered - (statuses['400'] ?? 0) - (statuses['401'] ?? 0) - (statuses['503'] ?? 0), 'requests'),
    ];
  } finally {
    await portal.close();
    await shell.close();
    await desk.close();
  }
}
