export type Found = { ok: true; path: string } | { ok: false; reason: string };

export interface FindOptions {
  root: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

/** The Electron binary under node_modules/electron (or ELECTRON_OVERRIDE_DIST_PATH), found without require('electron'). */
export function findElectronBinary(options: FindOptions): Found;

/** Whether a window can be shown (an X or Wayland display on Linux). */
export function findDisplay(env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform): { ok: true } | { ok: false; reason: string };

/** A usable binary and a display, or the reason there is none. */
export function electronUsable(options: FindOptions): Found;
