import crypto from 'node:crypto';

export const HOLDER_COOKIE = 'jaccount_holder';

/**
 * The identity-code page's sign-in: a cookie naming the account holder until a time, MACed
 * under a key derived from the data key. Nothing secret in it; it cannot be forged or extended.
 */
export class HolderSessions {
  constructor(
    private readonly key: Buffer,
    private readonly lifetimeSeconds: number,
  ) {}

  private mac(body: string): string {
    return crypto.createHmac('sha256', this.key).update(body).digest('base64url');
  }

  cookie(username: string, now: Date): string {
    const body = `${Buffer.from(username).toString('base64url')}.${Math.floor(now.getTime() / 1000) + this.lifetimeSeconds}`;
    return `${HOLDER_COOKIE}=${body}.${this.mac(body)}; Path=/code; HttpOnly; SameSite=Strict; Max-Age=${this.lifetimeSeconds}`;
  }

  static cleared(): string {
    return `${HOLDER_COOKIE}=; Path=/code; HttpOnly; SameSite=Strict; Max-Age=0`;
  }

  /** The signed-in holder's username, or null. */
  holder(cookieHeader: string | undefined, now: Date): string | null {
    const match = new RegExp(`(?:^|;\\s*)${HOLDER_COOKIE}=([\\w-]+)\\.(\\d+)\\.([\\w-]+)`).exec(cookieHeader ?? '');
    if (!match) return null;
    const [, name, until, mac] = match as unknown as [string, string, string, string];
    const expected = Buffer.from(this.mac(`${name}.${until}`));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
    if (Number(until) <= Math.floor(now.getTime() / 1000)) return null;
    return Buffer.from(name, 'base64url').toString('utf8');
  }
}
