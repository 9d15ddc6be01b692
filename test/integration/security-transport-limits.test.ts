import crypto from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PasswordQueueFull, PasswordWorkQueue } from '../../src/main/crypto/hash-queue';
import { type PortalServer, startPortal } from '../../src/main/portal/portal-server';
import { type TestDesk, openTestDesk, signInFirstAdmin } from '../support/desk-fixture';
import { issueClient } from '../support/token-service-fixture';

/**
 * Finding 8: unauthenticated requests could slow the whole desk. Every limit of the end-user
 * pages is now counted before the slow work (30 parallel guesses from one source: exactly the
 * limit is checked, the rest answer 429), and their password hashing waits in a bounded queue
 * (full: 503 "busy", translated, and nothing counted). Each source is its own loopback address.
 */

const PASSWORD = 'Harbour lights 42';
const REDIRECT = 'https://courses.example.edu.cn/callback';
const QUEUE = { concurrency: 2, maxWaiting: 40 };

let t: TestDesk;
let portal: PortalServer;
let passwords: PasswordWorkQueue;
let clientId: string;

beforeAll(async () => {
  t = await openTestDesk();
  const { jar } = await signInFirstAdmin(t);
  passwords = new PasswordWorkQueue(QUEUE.concurrency, QUEUE.maxWaiting);
  portal = await startPortal(t.desk, { host: '127.0.0.1', port: 0, clock: () => t.clock.now, passwords });
  clientId = (await issueClient(t, jar)).clientId;
});
afterAll(async () => {
  await portal?.close();
  await t?.close();
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** A request from `source` (a 127.0.0.0/8 address: each is a different client to the pages' limits). */
function request(path: string, options: { source: string; method?: string; form?: Record<string, string>; cookie?: string }): Promise<Answer> {
  const url = new URL(path, portal.issuer);
  const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: options.method ?? (body === undefined ? 'GET' : 'POST'),
        localAddress: options.source,
        agent: false,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded', origin: portal.issuer }),
          ...(options.cookie ? { cookie: options.cookie } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function tally(answers: Answer[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const a of answers) counts[a.status] = (counts[a.status] ?? 0) + 1;
  return counts;
}

const parallel = (n: number, one: (i: number) => Promise<Answer>) => Promise.all(Array.from({ length: n }, (_, i) => one(i)));

const wrongActivation = { code: 'ABCD-EFGH-JKLM', username: 'guesser', password: PASSWORD, password2: PASSWORD, mobile: '' };
const wrongReset = (field: 'resetCode' | 'counterCode') => ({ username: 'nobody', [field]: field === 'resetCode' ? '123456' : 'ABCD-EFGH-JKLM', password: PASSWORD, password2: PASSWORD });
const wrongSignIn = { username: 'nobody', password: PASSWORD };

/** A sign-in interaction of the token service: its login form's path and the cookies that bind it to this browser. */
async function interaction(source: string): Promise<{ login: string; cookie: string }> {
  const verifier = crypto.randomBytes(32).toString('base64url');
  const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
  const query = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    scope: 'openid',
    redirect_uri: REDIRECT,
    state: crypto.randomBytes(8).toString('hex'),
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  const started = await request(`/auth?${query}`, { source });
  expect(started.status, started.text).toBe(303);
  const cookie = ([] as string[]).concat(started.headers['set-cookie'] ?? []).map((line) => line.split(';')[0]!).join('; ');
  const location = new URL(String(started.headers.location), portal.issuer);
  expect(location.pathname).toMatch(/^\/interaction\/[\w-]+$/);
  return { login: `${location.pathname}/login`, cookie };
}

/** Holds `n` places of the queue until the returned function is called. */
function occupy(queue: PasswordWorkQueue, n: number): () => Promise<void> {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const held = Array.from({ length: n }, () => queue.run(() => gate));
  return async () => {
    open();
    await Promise.all(held);
  };
}

describe('limits counted before the slow work', () => {
  it('/activate: of 30 parallel wrong codes from one source, exactly 10 are checked and 20 answer 429', async () => {
    const answers = await parallel(30, () => request('/activate?lang=en', { source: '127.0.0.11', form: wrongActivation }));
    expect(tally(answers)).toEqual({ 400: 10, 429: 20 });
    for (const a of answers.filter((x) => x.status === 400)) expect(a.text).toContain('The activation code is wrong, expired or already used.');
    for (const a of answers.filter((x) => x.status === 429)) expect(a.text).toContain('Too many attempts. Please try again in 15 minutes.');
    expect((await request('/activate', { source: '127.0.0.11', form: wrongActivation })).status).toBe(429);
    // Another source is not held back by this one.
    expect((await request('/activate', { source: '127.0.0.12', form: { ...wrongActivation, username: '' } })).status).toBe(400);
  });

  it('/activate: forms missing a field are answered and not counted', async () => {
    const answers = [];
    for (let i = 0; i < 12; i++) answers.push(await request('/activate', { source: '127.0.0.12', form: { ...wrongActivation, username: '' } }));
    expect(tally(answers)).toEqual({ 400: 12 });
  });

  it('/recover/reset and /recover/counter share the code limit: exactly 10 of 30 parallel wrong codes are checked', async () => {
    const answers = await parallel(30, (i) =>
      i % 2 ? request('/recover/reset', { source: '127.0.0.13', form: wrongReset('resetCode') }) : request('/recover/counter', { source: '127.0.0.13', form: wrongReset('counterCode') }),
    );
    expect(tally(answers)).toEqual({ 400: 10, 429: 20 });
    // ...and with /activate: the same source is at its limit there too.
    expect((await request('/activate', { source: '127.0.0.13', form: wrongActivation })).status).toBe(429);
  });

  it('/recover and /recover/username: of 12 parallel requests from one source, exactly 5 are made', async () => {
    const answers = await parallel(12, (i) =>
      i % 2
        ? request('/recover', { source: '127.0.0.14', form: { username: `user${i}`, contact: '13900001111' } })
        : request('/recover/username', { source: '127.0.0.14', form: { realName: '张三', documentType: 'passport', documentNumber: `E${i}0000000` } }),
    );
    expect(tally(answers)).toEqual({ 200: 5, 429: 7 });
  });

  it('/code/sign-in: of 30 parallel wrong sign-ins from one source, exactly 20 are checked and 10 answer 429', async () => {
    const answers = await parallel(30, () => request('/code/sign-in?lang=en', { source: '127.0.0.15', form: wrongSignIn }));
    expect(tally(answers)).toEqual({ 401: 20, 429: 10 });
    for (const a of answers.filter((x) => x.status === 429)) expect(a.text).toContain('Too many attempts. Please try again in 15 minutes.');
  });

  it('the sign-in interaction: of 30 parallel wrong sign-ins from one source, exactly 20 are checked; the limit is shared with /code', async () => {
    const { login, cookie } = await interaction('127.0.0.16');
    const answers = await parallel(30, () => request(`${login}?lang=en`, { source: '127.0.0.16', form: wrongSignIn, cookie }));
    expect(tally(answers)).toEqual({ 401: 20, 429: 10 });
    for (const a of answers.filter((x) => x.status === 401)) expect(a.text).toContain('name="password"');
    const other = await interaction('127.0.0.15');
    expect((await request(other.login, { source: '127.0.0.15', form: wrongSignIn, cookie: other.cookie })).status).toBe(429);
  });
});

describe('the password queue', () => {
  it('runs at most `concurrency` tasks, queues at most `maxWaiting`, and refuses the rest without running them', async () => {
    const queue = new PasswordWorkQueue(2, 3);
    let active = 0;
    let most = 0;
    const started: number[] = [];
    const gates: (() => void)[] = [];
    const task = (i: number) => () =>
      new Promise<number>((resolve) => {
        started.push(i);
        most = Math.max(most, ++active);
        gates[i] = () => {
          active--;
          resolve(i);
        };
      });
    const runs = [0, 1, 2, 3, 4].map((i) => queue.run(task(i)));
    expect(queue.busy).toEqual({ running: 2, waiting: 3 });
    let ran = false;
    await expect(
      queue.run(async () => {
        ran = true;
      }),
    ).rejects.toBeInstanceOf(PasswordQueueFull);
    expect(ran).toBe(false);
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      gates[i]!();
      expect(await runs[i]).toBe(i);
    }
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
    expect(queue.busy).toEqual({ running: 0, waiting: 0 });
    // A task that fails frees its place like any other.
    await expect(queue.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(queue.busy).toEqual({ running: 0, waiting: 0 });
  });

  it('when it is full, every page that hashes a password answers 503 "busy" in the page\'s language, and counts nothing', async () => {
    const { login, cookie } = await interaction('127.0.0.17');
    const release = occupy(passwords, QUEUE.concurrency + QUEUE.maxWaiting);
    let answers: Answer[];
    try {
      expect(passwords.busy).toEqual({ running: QUEUE.concurrency, waiting: QUEUE.maxWaiting });
      answers = [];
      // More than the limit of 10 from one source: busy answers are not guesses.
      for (let i = 0; i < 12; i++) answers.push(await request('/activate', { source: '127.0.0.17', form: wrongActivation }));
      answers.push(await request('/activate?lang=en', { source: '127.0.0.17', form: wrongActivation }));
      answers.push(await request('/recover/reset', { source: '127.0.0.17', form: wrongReset('resetCode') }));
      answers.push(await request('/recover/counter?lang=en', { source: '127.0.0.17', form: wrongReset('counterCode') }));
      for (let i = 0; i < 21; i++) answers.push(await request('/code/sign-in', { source: '127.0.0.17', form: wrongSignIn }));
      answers.push(await request(`${login}?lang=en`, { source: '127.0.0.17', form: wrongSignIn, cookie }));
    } finally {
      await release();
    }
    expect(tally(answers)).toEqual({ 503: answers.length });
    for (const a of answers) expect(a.headers['retry-after']).toBe('5');
    expect(answers[0]!.text).toContain('服务繁忙，请稍后再试。');
    expect(answers[12]!.text).toContain('The service is busy. Please try again in a moment; nothing you entered has been submitted.');
    expect(answers[13]!.text).toContain('服务繁忙，请稍后再试。');
    expect(answers[14]!.text).toContain('The service is busy.');
    expect(answers[15]!.text).toContain('服务繁忙，请稍后再试。');
    expect(answers.at(-1)!.text).toContain('The service is busy. Please try again in a moment.');
    expect(answers.at(-1)!.text).toContain('name="password"');
    // Nothing was counted: the same source is checked again once the queue has room.
    expect((await request('/activate', { source: '127.0.0.17', form: wrongActivation })).status).toBe(400);
    expect((await request('/code/sign-in', { source: '127.0.0.17', form: wrongSignIn })).status).toBe(401);
  });
});
