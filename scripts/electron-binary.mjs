// Finds the Electron binary without require('electron'), whose index.js tries to download
// the binary when it is missing (and throws where the network is closed). Used by
// scripts/start.mjs and by the Playwright Electron tests.
import fs from 'node:fs';
import path from 'node:path';

/** What install.js writes into path.txt on each platform. */
function defaultExecutable(platform) {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/**
 * @param {{ root: string, env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform }} options
 * @returns {{ ok: true, path: string } | { ok: false, reason: string }}
 */
export function findElectronBinary({ root, env = process.env, platform = process.platform }) {
  const pkg = path.join(root, 'node_modules', 'electron');
  if (!fs.existsSync(path.join(pkg, 'package.json'))) {
    return { ok: false, reason: 'node_modules/electron is not installed' };
  }
  const pathTxt = path.join(pkg, 'path.txt');
  const executable = fs.existsSync(pathTxt) ? fs.readFileSync(pathTxt, 'utf8').trim() || null : null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, executable ?? defaultExecutable(platform));
    return fs.existsSync(candidate)
      ? { ok: true, path: candidate }
      : { ok: false, reason: `ELECTRON_OVERRIDE_DIST_PATH has no ${path.basename(candidate)} (${candidate})` };
  }
  const dist = path.join(pkg, 'dist');
  if (!fs.existsSync(dist)) return { ok: false, reason: 'node_modules/electron/dist is missing' };
  const relative = executable ?? defaultExecutable(platform);
  const candidate = path.join(dist, relative);
  if (!fs.existsSync(candidate)) return { ok: false, reason: `node_modules/electron/dist/${relative} is missing` };
  return { ok: true, path: candidate };
}

/**
 * Whether a window can be shown: on Linux (and the BSDs) that needs an X or Wayland display.
 * @param {NodeJS.ProcessEnv} [env]
 * @param {NodeJS.Platform} [platform]
 * @returns {{ ok: true } | { ok: false, reason: string }}
 */
export function findDisplay(env = process.env, platform = process.platform) {
  if (platform === 'darwin' || platform === 'win32') return { ok: true };
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return { ok: true };
  return { ok: false, reason: 'no display: DISPLAY and WAYLAND_DISPLAY are unset' };
}

/**
 * Whether the Electron shell can run here, and if not, why not.
 * @param {{ root: string, env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform }} options
 * @returns {{ ok: true, path: string } | { ok: false, reason: string }}
 */
export function electronUsable(options) {
  const binary = findElectronBinary(options);
  if (!binary.ok) return binary;
  const display = findDisplay(options.env, options.platform);
  return display.ok ? binary : display;
}
