import crypto from 'node:crypto';
import { sha256 } from '../crypto/one-time-password';
import {
  type HolderSessionEndReason
} from './holder-session-repository';
import type { Store } from '../repositories';

export const HOLDER_COOKIE = 'jaccount_holder';

/** 256 random bits, base64url. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
/** Last seen is a note for the holder's session list, not a rule: written at most this often. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;
/** Ended and expired sessions stay listed this long, then go at the account's next sign-in. */
const HISTORY_MS = 30 * 24 * 60 * 60 * 1000;
const MAX_USER_AGENT = 120;
const MAX_SOURCE = 64;

export interface SignedInHolder {
  sessionId: number;
  accountId: number;
  username: string;
}

/** Where a sign-in came from, as the holder's session list will show it. */
export interface HolderClient {
  sourceAddress: string;
  userAgent: string | undefined;
}

function tokenIn(cookieHeader: string | undefined): string | null {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    const token = value.join('=');
    if (name === HOLDER_COOKIE && TOKEN.test(token)) return token;
  }
  return null;
}

/** The user agent cut to a line a person can read: no control characters, at most 120 characters. */
export function shortUserAgent(header: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  return (header ?? '').replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_USER_AGENT);
}

/**
 * Account holders' sign-ins on the end-user pages. The cookie carries a random token; the
 * store keeps only its SHA-256, with the account, times, source and user agent, so a session
 * can be listed and ended (sign-out, a password reset, a suspension or revocation).
 */
export class HolderSessions {
  constructor(
    private readonly store: Store,
    private readonly lifetimeSeconds: number,
  ) {}

  /**
   * A new session for the holder whose password was just checked (`passwordHash` is the hash it
   * was checked against), ending the one this browser had. Returns the Set-Cookie value, or null
   * when the account changed meanwhile (a reset, a suspension).
   */
  async start(
    account: { id: number; passwordHash: string },
    client: HolderClient,
    previousCookies: string | undefined,
    now: Date,
  ): Promise<string | null> {
    const token = crypto.randomBytes(32).toString('base64url');
    const previous = tokenIn(previousCookies);
    const started = await this.store.write(async (repos) => {
      const made = await repos.holderSessions.insertHolderSession(
        {
          tokenHash: sha256(token),
          accountId: account.id,
          passwordHash: account.passwordHash,
          sourceAddress: client.sourceAddress.slice(0, MAX_SOURCE),
          userAgent: shortUserAgent(client.userAgent),
          expiresAt: new Date(now.getTime() + this.lifetimeSeconds * 1000),
        },
        now,
      );
      if (!made) return false;
      if (previous) await repos.holderSessions.endHolderSessionByToken(sha256(previous), 'replaced', now);
      await repos.holderSessions.forgetOldHolderSessions(account.id, new Date(now.getTime() - HISTORY_MS));
      return true;
    });
    if (!started) return null;
    return `${HOLDER_COOKIE}=${token}; Path=/code; HttpOnly; SameSite=Strict; Max-Age=${this.lifetimeSeconds}`;
  }

  static cleared(): string {
    return `${HOLDER_COOKIE}=; Path=/code; HttpOnly; SameSite=Strict; Max-Age=0`;
  }

  /** The signed-in holder, while the session lives and the account is active; else null. */
  async holder(cookieHeader: string | undefined, now: Date): Promise<SignedInHolder | null> {
    const token = tokenIn(cookieHeader);
    if (!token) return null;
    const session = await this.store.reads.holderSessions.findLiveHolderSession(sha256(token), now);
    if (!session || session.status !== 'active' || !session.username) return null;
    if (now.getTime() - Date.parse(session.last_seen_at) >= TOUCH_EVERY_MS) {
      await this.store.write((repos) => repos.holderSessions.touchHolderSession(session.id, now));
    }
    return { sessionId: session.id, accountId: session.account_id, username: session.username };
  }

  /** Ends the session this browser holds, if any. */
  async end(cookieHeader: string | undefined, reason: HolderSessionEndReason, now: Date): Promise<void> {
    const token = tokenIn(cookieHeader);
    if (token) await this.store.write((repos) => repos.holderSessions.endHolderSessionByToken(sha256(token), reason, now));
  }
}
