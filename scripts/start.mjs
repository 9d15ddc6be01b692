#!/usr/bin/env node
// `npm start` (after `electron-vite build`): the Electron shell where an Electron binary and a
// display exist; otherwise, with one line saying why, the same desk headless on loopback.
// Arguments are forwarded either way (e.g. `npm start -- --data-dir /tmp/desk --port 7410`),
// and so are SIGINT/SIGTERM and the exit code.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronUsable } from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function flag(name) {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  return args[i].includes('=') ? args[i].slice(args[i].indexOf('=') + 1) : args[i + 1];
}

function run(command, commandArgs, env) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => forward(signal));
  child.on('error', (err) => {
    process.stderr.write(`Could not start ${command}: ${err.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    process.exit(code ?? 128 + (os.constants.signals[signal] ?? 1));
  });
}

const electron = electronUsable({ root });
if (electron.ok) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would turn the binary into a plain Node
  run(electron.path, ['.', ...args], env);
} else {
  const serve = path.join(root, 'out', 'main', 'serve.js');
  if (!fs.existsSync(serve)) {
    process.stderr.write('out/main/serve.js is missing: run `npm run build` (or `npm start`, which builds first).\n');
    process.exit(1);
  }
  const host = flag('host') ?? process.env.DESK_HOST ?? '127.0.0.1';
  const what = /display/i.test(electron.reason) ? 'Electron cannot open a window here' : 'No Electron binary is available here';
  process.stdout.write(`${what} (${electron.reason}); starting the same desk headless on ${host}.\n`);
  run(process.execPath, [serve, ...args], process.env);
}
