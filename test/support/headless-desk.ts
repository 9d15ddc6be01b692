import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RunningDesk {
  url: string;
  portalUrl: string;
  dataDir: string;
  admin: { username: string; oneTimePassword: string } | null;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const SERVE = path.resolve('out/main/serve.js');

/** Starts the built headless shell (`out/main/serve.js`) on a free loopback port in its own data directory. */
export async function startHeadlessDesk(options: { dataDir?: string; env?: Record<string, string>; args?: string[] } = {}): Promise<RunningDesk> {
  if (!fs.existsSync(SERVE)) throw new Error('out/main/serve.js is missing: run `npm run build` first');
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [SERVE, '--port', '0', '--portal-port', '0', '--data-dir', dataDir, ...(options.args ?? [])], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the desk did not start:\n${out}`)), 20_000);
    const check = () => {
      const m = /listening at (http:\/\/\S+)/.exec(out);
      if (m && (!/First run/.test(out) || /one-time password: \S+/.test(out))) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => reject(new Error(`the desk exited with ${code}:\n${out}`)));
  });
  const username = /username: (\S+)/.exec(out)?.[1];
  const otp = /one-time password: (\S+)/.exec(out)?.[1];
  return {
    url,
    portalUrl: /End-user pages \(activation, sign-in\) at (http:\/\/\S+)/.exec(out)![1]!,
    dataDir,
    admin: username && otp ? { username, oneTimePassword: otp } : null,
    output: () => out,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
