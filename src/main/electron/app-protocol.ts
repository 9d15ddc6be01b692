/**
 * The console's own origin in the Electron shell, app://desk, served from out/renderer by the
 * main process. Over file:// the page's origin was the file system: CSP 'self' and same-origin
 * checks let it load any local file. Here 'self' is the desk's built renderer and nothing else.
 * Free of 'electron' (main.ts registers the scheme and hands requests here), so plain Node tests it.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { SECURITY_HEADERS } from '../rpc/security-headers';

export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * For protocol.registerSchemesAsPrivileged, before the app is ready: a standard URL (an origin,
 * relative URLs) in a secure context, fetch and V8's code cache for its scripts. Not bypassCSP,
 * not corsEnabled (no other origin reads it), no service workers, no streaming.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, codeCache: true } as const;

/** What the built renderer is made of; any other kind of file is not served. */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export type AppPath = { ok: true; file: string; type: string } | { ok: false; status: 400 | 403 | 404; reason: string };

const refuse = (status: 400 | 403 | 404, reason: string): AppPath => ({ ok: false, status, reason });

/** The file of `root` (out/renderer) an app:// URL names, or why none: another origin, a path outside the root, a kind of file the renderer has none of. */
export function resolveAppPath(url: string, root: string): AppPath {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refuse(400, 'not a URL');
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.hostname !== APP_HOST || parsed.port || parsed.username || parsed.password) {
    return refuse(403, 'not the desk’s origin');
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return refuse(400, 'a malformed escape in the path');
  }
  // Backslashes are separators on Windows; a NUL ends a path in C. Neither is in a file name of the build.
  if (pathname.includes('\\') || pathname.includes('\0')) return refuse(400, 'a backslash or NUL in the path');
  const base = path.resolve(root);
  const file = path.resolve(base, `.${pathname === '/' ? '/index.html' : pathname}`);
  const inside = path.relative(base, file);
  if (!inside || inside.startsWith('..') || path.isAbsolute(inside)) return refuse(403, 'outside the renderer');
  const type = TYPES[path.extname(file).toLowerCase()];
  if (!type) return refuse(404, 'not a file the renderer has');
  return { ok: true, file, type };
}

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | null;
}

function failure(status: number, extra: Record<string, string> = {}): AppResponse {
  return { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...extra }, body: Buffer.from(`${status}\n`) };
}

/**
 * The answer to one app:// request: GET or HEAD of a file inside `root`, its real path too (a
 * symbolic link out of the build is refused), with the desk's CSP and security headers.
 */
export async function serveAppRequest(request: { url: string; method: string }, root: string): Promise<AppResponse> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return failure(405, { Allow: 'GET, HEAD' });
  const resolved = resolveAppPath(request.url, root);
  if (!resolved.ok) return failure(resolved.status);
  let body: Buffer;
  try {
    const [realRoot, realFile] = await Promise.all([fs.realpath(root), fs.realpath(resolved.file)]);
    const inside = path.relative(realRoot, realFile);
    if (!inside || inside.startsWith('..') || path.isAbsolute(inside)) return failure(403);
    if (!(await fs.stat(realFile)).isFile()) return failure(404);
    body = await fs.readFile(realFile);
  } catch {
    return failure(404);
  }
  return {
    status: 200,
    headers: { ...SECURITY_HEADERS, 'Content-Type': resolved.type, 'Content-Length': String(body.length), 'Cache-Control': 'no-cache' },
    body: request.method === 'HEAD' ? null : body,
  };
}
