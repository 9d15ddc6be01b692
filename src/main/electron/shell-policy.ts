/**
 * Start-up decisions of the Electron shell, free of 'electron' so plain Node can test them.
 */
import path from 'node:path';
import { ConfigError } from '../config';

/** The environment variable by which an admin accepts safeStorage's plain-text fallback on Linux. */
export const ALLOW_BASIC_TEXT_ENV = 'DESK_ALLOW_BASIC_TEXT';

function flag(argv: readonly string[], name: string): string | undefined {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const arg = argv[i]!;
  const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[i + 1];
  if (!value || value.startsWith('--')) throw new ConfigError(`--${name} needs a value`);
  return value;
}

/**
 * The data directory named by `--data-dir` (wins) or DESK_DATA_DIR, resolved; null means
 * Electron's userData directory. The shell makes an override its userData directory too, so
 * that the single-instance lock is per data directory, like the store's own lock.
 */
export function dataDirOverride(argv: readonly string[], env: NodeJS.ProcessEnv, cwd = process.cwd()): string | null {
  const value = flag(argv, 'data-dir') ?? (env.DESK_DATA_DIR || undefined);
  return value ? path.resolve(cwd, value) : null;
}

export type LinuxBackend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

export interface KeyStoreFacts {
  platform: NodeJS.Platform;
  /** safeStorage.getSelectedStorageBackend() on Linux (after ready); null elsewhere. */
  backend: LinuxBackend | null;
  /** safeStorage.isEncryptionAvailable() */
  available: boolean;
  env: NodeJS.ProcessEnv;
}

export type KeyStoreVerdict =
  | { ok: true; plainText: false }
  /** Opted in: the caller turns on safeStorage's plain-text encryption and logs `warning`. */
  | { ok: true; plainText: true; warning: string }
  | { ok: false; message: string };

/**
 * Whether safeStorage protects the data key well enough to start. On Linux without a
 * secret service (backend `basic_text`), safeStorage "encrypts" with a key built into
 * Chromium, which protects nothing; the desk refuses unless DESK_ALLOW_BASIC_TEXT=1.
 */
export function judgeKeyStore(facts: KeyStoreFacts): KeyStoreVerdict {
  const optedIn = facts.env[ALLOW_BASIC_TEXT_ENV] === '1';
  if (facts.platform === 'linux') {
    const weak = facts.backend === 'basic_text' || facts.backend === 'unknown' || facts.backend === null || !facts.available;
    if (!weak) return { ok: true, plainText: false };
    const what =
      facts.backend === 'basic_text' || facts.backend === null || facts.backend === 'unknown'
        ? `no secret service was found (safeStorage backend "${facts.backend ?? 'none'}")`
        : `the ${facts.backend} key store is not available`;
    if (optedIn) {
      return {
        ok: true,
        plainText: true,
        warning:
          `${what}; ${ALLOW_BASIC_TEXT_ENV}=1 is set, so the data key is stored under Chromium's built-in key. ` +
          'Anyone who can read the data directory can read the protected fields.',
      };
    }
    return {
      ok: false,
      message:
        `The desk protects its data key with the system key store, but ${what}. ` +
        'Start it in a desktop session with GNOME Keyring or KWallet unlocked, or use the headless shell ' +
        `(node out/main/serve.js) with a passphrase. To accept a plain-text key store on this machine, set ${ALLOW_BASIC_TEXT_ENV}=1.`,
    };
  }
  if (!facts.available) {
    return {
      ok: false,
      message:
        'The desk protects its data key with the system key store (Keychain on macOS, DPAPI on Windows), ' +
        'which is not available. Sign in to a desktop session, or use the headless shell with a passphrase.',
    };
  }
  return { ok: true, plainText: false };
}

/** Response headers with the desk's CSP replacing any the response carried. */
export function withCsp(headers: Record<string, string | string[]> | undefined, csp: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [csp];
  return out;
}

/** What main.ts knows about how it runs: app.isPackaged, the build's mode (import.meta.env.MODE, fixed when electron-vite built it), the environment. */
export interface RunFacts {
  packaged: boolean;
  buildMode: string;
  env: NodeJS.ProcessEnv;
}

export interface RunMode {
  /** An explicit development run: `electron-vite dev`. */
  development: boolean;
  /** Whether the window may open Chromium's developer tools. */
  devTools: boolean;
  /** electron-vite's dev server, trusted as the renderer; null: the built renderer over app://. */
  devServerUrl: string | null;
  /** What was asked for and refused, for the log. */
  notes: string[];
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Developer tools and a renderer served from elsewhere (ELECTRON_RENDERER_URL) are for a
 * development run only, which takes all three: a development build (`electron-vite dev` builds
 * in mode "development"; `electron-vite build`, which `npm start` runs, in "production"), an
 * unpackaged app, and NODE_ENV=development (which electron-vite dev sets for the Electron it
 * starts). An environment variable alone never turns a production build into one. Even then the
 * renderer URL must be an http(s) dev server on loopback.
 */
export function shellRunMode(facts: RunFacts): RunMode {
  const asked = facts.env.ELECTRON_RENDERER_URL || null;
  const development = !facts.packaged && facts.buildMode === 'development' && facts.env.NODE_ENV === 'development';
  if (!development) {
    const notes = asked ? ['ELECTRON_RENDERER_URL is ignored: this is not a development run (electron-vite dev); the built renderer is loaded'] : [];
    return { development: false, devTools: false, devServerUrl: null, notes };
  }
  if (!asked) return { development: true, devTools: true, devServerUrl: null, notes: [] };
  const url = URL.canParse(asked) ? new URL(asked) : null;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !LOOPBACK_HOSTS.has(url.hostname) || url.username || url.password) {
    return { development: true, devTools: true, devServerUrl: null, notes: ['ELECTRON_RENDERER_URL is ignored: it is not an http(s) dev server on loopback'] };
  }
  return { development: true, devTools: true, devServerUrl: url.href, notes: [] };
}
