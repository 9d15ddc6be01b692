import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import type { SessionView } from '../../src/shared/contract/auth';
import type { Channel, Input, Output } from '../../src/shared/contract';
import type { DeskErrorBody } from '../../src/shared/errors';
import { PassphraseProtector } from '../../src/main/crypto/passphrase-protector';
import { type Desk, openDesk } from '../../src/main/desk';
import { createLogger } from '../../src/main/log';
import type { SessionCarrier } from '../../src/main/rpc/context';
import { cookieJar } from './cookie-jar';
import { TEST_KDF } from './kdf';
import { totpNow } from './totp';
import { type TestStore, testStore } from './test-store';

export type { TestStore };

export const TEST_PASSPHRASE = 'integration-test-passphrase-0123456789';
export const ADMIN_PASSWORD = 'Counter-Desk-Strong-2026';
/** Where every test desk's clock starts (the template's admin signed in then). */
const START = new Date('2026-11-23T02:00:00.000Z');

export { cookieJar };

/** The first admin as the template left them: signed in (password changed, TOTP enrolled). */
interface TemplateAdmin {
  token: string;
  secret: string;
  firstRun: { username: string; oneTimePassword: string };
}

export interface TestDesk {
  desk: Desk;
  dir: string;
  /** The store under this desk: its engine, and the flags a child process needs to open it too. */
  store: TestStore;
  clock: { now: Date; advance(ms: number): void };
  logs: string[];
  /** The first admin's one-time credentials, whether this store was just created or copied from the template. */
  firstRun: { username: string; oneTimePassword: string } | null;
  /** Set when the store is a copy of the worker's template, whose admin is already signed in. */
  template: TemplateAdmin | null;
  call<C extends Channel>(channel: C, input: Input<C>, jar: SessionCarrier): Promise<Output<C>>;
  fail(channel: string, input: unknown, jar: SessionCarrier): Promise<DeskErrorBody>;
  close(): Promise<void>;
}

export function tempDir(prefix = 'desk-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Opens the test desk passphrase at the tests' key derivation cost. */
export const testProtector = (passphrase = TEST_PASSPHRASE) => new PassphraseProtector(passphrase, TEST_KDF.passphrase);

async function open(dir: string, store: TestStore, template: TemplateAdmin | null, options: { realTime?: boolean }): Promise<TestDesk> {
  let fixed = START;
  const clock = {
    get now() {
      return options.realTime ? new Date() : fixed;
    },
    set now(value: Date) {
      fixed = value;
    },
    advance(ms: number) {
      fixed = new Date(fixed.getTime() + ms);
    },
  };
  const logs: string[] = [];
  const desk = await openDesk({
    dataDir: dir,
    protector: testProtector(),
    clock: () => clock.now,
    log: createLogger((line) => logs.push(line)),
    kdf: TEST_KDF,
    store: store.location,
  });
  return {
    desk,
    dir,
    store,
    clock,
    logs,
    firstRun: desk.firstRun ?? template?.firstRun ?? null,
    template,
    async call(channel, input, jar) {
      const env = await desk.router.call(channel, input, jar);
      if (!env.ok) throw new Error(`${channel} failed: ${env.error.code} ${env.error.message}`);
      return env.value as never;
    },
    async fail(channel, input, jar) {
      const env = await desk.router.call(channel, input, jar);
      if (env.ok) throw new Error(`${channel} unexpectedly succeeded`);
      return env.error;
    },
    close: () => desk.close(),
  };
}

/** Takes the first admin of a just-created store through the forced password change and TOTP enrollment. */
async function onboardFirstAdmin(t: TestDesk, jar: SessionCarrier) {
  const otp = t.firstRun!.oneTimePassword;
  await t.call('auth.signIn', { username: 'admin', password: otp, desk: 'minhang' }, jar);
  await t.call('auth.changePassword', { currentPassword: otp, newPassword: ADMIN_PASSWORD }, jar);
  const { secret } = await t.call('auth.totpEnrollBegin', {}, jar);
  const view = await t.call('auth.totpEnrollConfirm', { code: totpNow(secret, t.clock.now.getTime()) }, jar);
  return { secret, view };
}

/**
 * This worker's template: a migrated store whose first admin is signed in, built once per
 * worker and run (vitest's globalSetup gives the folder) and copied for each test, so a test
 * pays neither for migrations and key generation nor for the first sign-in.
 */
async function templateStore(): Promise<{ dir: string; admin: TemplateAdmin } | null> {
  const root = inject('templateRoot');
  if (!root) return null;
  const dir = path.join(root, `worker-${process.env.VITEST_POOL_ID ?? process.pid}`);
  const meta = path.join(dir, 'admin.json');
  if (!fs.existsSync(meta)) {
    const building = fs.mkdtempSync(`${dir}.building-`);
    const t = await open(building, await testStore.template(building), null, {});
    const jar = cookieJar();
    const { secret } = await onboardFirstAdmin(t, jar);
    await t.close();
    fs.writeFileSync(path.join(building, 'admin.json'), JSON.stringify({ token: jar.token(), secret, firstRun: t.firstRun }));
    fs.renameSync(building, dir);
  }
  return { dir, admin: JSON.parse(fs.readFileSync(meta, 'utf8')) as TemplateAdmin };
}

/**
 * A desk on a fixed test clock in a new data directory: a copy of the worker's template store,
 * or a store made from nothing (`fresh`: for what happens on a first run). With `dir`, the
 * store already there (a reopen); with `store`, that store (a cluster of the test's own).
 * `realTime` when another process will serve the same store.
 */
export async function openTestDesk(dir?: string, options: { realTime?: boolean; fresh?: boolean; store?: TestStore } = {}): Promise<TestDesk> {
  if (options.store) return open(dir ?? tempDir(), options.store, null, options);
  if (dir) return open(dir, testStore.reopen(dir), null, options);
  const template = options.fresh || options.realTime ? null : await templateStore();
  const target = tempDir();
  const store = template ? await testStore.copy(template.dir, target) : await testStore.fresh(target);
  return open(target, store, template?.admin ?? null, options);
}

/** The first admin, signed in: the template's session, or, on a fresh store, through the first sign-in's steps. */
export async function signInFirstAdmin(t: TestDesk, jar = cookieJar()): Promise<{ jar: ReturnType<typeof cookieJar>; secret: string; view: SessionView }> {
  if (t.template) {
    jar.set(t.template.token);
    const view = await t.call('auth.session', {}, jar);
    if (!view) throw new Error('the template admin session is gone: did the test move the clock before signing in?');
    return { jar, secret: t.template.secret, view };
  }
  return { jar, ...(await onboardFirstAdmin(t, jar)) };
}
