import { type ShellConfig, readShellConfig } from './config';
import { resolvePassphrase } from './crypto/headless-passphrase';
import { PassphraseProtector } from './crypto/passphrase-protector';
import { type Desk, openDesk } from './desk';

/** The headless shell's way to the desk (also the command-line tools'): flags and env, passphrase, store. */
export async function openHeadlessDesk(argv: readonly string[]): Promise<{ desk: Desk; config: ShellConfig; generatedAt: string | null }> {
  const config = readShellConfig(argv);
  const { passphrase, generatedAt } = resolvePassphrase(config);
  const desk = await openDesk({ dataDir: config.dataDir, protector: new PassphraseProtector(passphrase), store: config.store });
  return { desk, config, generatedAt };
}

/** What a shell prints once, on the run that created the store: the first admin's one-time credentials. */
export function firstRunLines(firstRun: Desk['firstRun']): string[] {
  if (!firstRun) return [];
  return [
    '',
    'First run: a system administrator was created. These credentials are shown only this once:',
    `  username: ${firstRun.username}`,
    `  one-time password: ${firstRun.oneTimePassword}`,
    'Sign in to the console; you will be asked to choose a new password and set up two-step verification.',
  ];
}
