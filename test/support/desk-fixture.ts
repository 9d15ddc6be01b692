import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Channel, Input, Output } from '../../src/shared/contract';
import type { DeskErrorBody } from '../../src/shared/errors';
import { PassphraseProtector } from '../../src/main/crypto/passphrase-protector';
import { type Desk, openDesk } from '../../src/main/desk';
import { createLogger } from '../../src/main/log';
import type { SessionCarrier } from '../../src/main/rpc/context';
import { totpNow } from './totp';

export const TEST_PASSPHRASE = 'integration-test-passphrase-0123456789';

import { cookieJar } from './cookie-jar';

export { cookieJar };

export interface TestDesk {
  desk: Desk;
  dir: string;
  clock: { now: Date; advance(ms: number): void };
  logs: string[];
  call<C extends Channel>(channel: C, input: Input<C>, jar: SessionCarrier): Promise<Output<C>>;
  fail(channel: string, input: unknown, jar: SessionCarrier): Promise<DeskErrorBody>;
  close(): Promise<void>;
}

export function tempDir(prefix = 'desk-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A desk on a fixed test clock, or on the real one (`realTime`) when another process will serve the same store. */
export async function openTestDesk(dir = tempDir(), options: { realTime?: boolean } = {}): Promise<TestDesk> {
  let fixed = new Date('2026-11-23T02:00:00.000Z');
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
    protector: new PassphraseProtector(TEST_PASSPHRASE),
    clock: () => clock.now,
    log: createLogger((line) => logs.push(line)),
  });
  return {
    desk,
    dir,
    clock,
    logs,
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

export const ADMIN_PASSWORD = 'Counter-Desk-Strong-2026';

/** Takes the first admin through the forced password change and TOTP enrollment. */
export async function signInFirstAdmin(t: TestDesk, jar = cookieJar()) {
  const otp = t.desk.firstRun!.oneTimePassword;
  await t.call('auth.signIn', { username: 'admin', password: otp, desk: 'minhang' }, jar);
  await t.call('auth.changePassword', { currentPassword: otp, newPassword: ADMIN_PASSWORD }, jar);
  const { secret } = await t.call('auth.totpEnrollBegin', {}, jar);
  const view = await t.call('auth.totpEnrollConfirm', { code: totpNow(secret, t.clock.now.getTime()) }, jar);
  return { jar, secret, view };
}
