import type http from 'node:http';
import { SECURITY_HEADERS } from '../rpc/security-headers';

const MAX_FORM_BYTES = 16 * 1024;
const BUSY_RETRY_SECONDS = 5;

/**
 * The end-user pages' CSP: no scripts at all, only our stylesheet. No form-action limit,
 * because finishing a sign-in redirects the form's POST on to the application's registered
 * redirect URI.
 */
const PAGE_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'";

export function send(res: http.ServerResponse, status: number, type: string, body: string) {
  // same-origin, not no-referrer: under no-referrer browsers send `Origin: null` with the form's POST, which the origin check refuses.
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Security-Policy': PAGE_CSP,
    'Referrer-Policy': 'same-origin',
    'Content-Type': type,
    'Cache-Control': 'no-store',
    // Busy answers (the password queue is full) say when to come back.
    ...(status === 503 ? { 'Retry-After': String(BUSY_RETRY_SECONDS) } : {}),
  });
  res.end(body);
}

export const sendHtml = (res: http.ServerResponse, status: number, body: string) => send(res, status, 'text/html; charset=utf-8', body);
export const sendText = (res: http.ServerResponse, status: number, body: string) => send(res, status, 'text/plain; charset=utf-8', body);

/** A urlencoded form body, or null when it is larger than any of our forms can be. */
export function readForm(req: http.IncomingMessage): Promise<URLSearchParams | null> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_FORM_BYTES) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_FORM_BYTES) {
        req.pause();
        resolve(null);
      } else chunks.push(c);
    });
    req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}
