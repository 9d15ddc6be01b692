import { checkAccountSignIn } from '../accounts/account-sign-in';
import type { PortalLanguage } from '../portal/portal-text';
import type { FailureLimiter } from '../portal/rate-limit';
import type { Database } from '../store/database';
import { signInText } from './sign-in-text';

function shanghaiTime(iso: string, lang: PortalLanguage): string {
  return new Date(iso).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' });
}

/**
 * An account holder's password check on the end-user pages: through the registry's atomic
 * counter (so the desk's login diagnosis sees it), slowed down per source, and answered with
 * what the holder may be told: why not, without revealing more than a lock's end.
 */
export async function holderSignIn(
  deps: { db: Database; limiter: FailureLimiter },
  input: { username: string; password: string; sourceAddress: string; via: string },
  now: Date,
  lang: PortalLanguage,
): Promise<{ username: string; problem: null } | { username: null; problem: string; status: number }> {
  if (deps.limiter.blocked(input.sourceAddress, now.getTime())) return { username: null, problem: signInText(lang, 'tooMany'), status: 429 };
  const { outcome, account } = await checkAccountSignIn(deps.db, { username: input.username, password: input.password, source: input.via }, now);
  if (outcome === 'success' && account?.username) return { username: account.username, problem: null };
  deps.limiter.fail(input.sourceAddress, now.getTime());
  const refuse = (problem: string) => ({ username: null, problem, status: 401 });
  if (outcome === 'locked' && account) {
    const row = await deps.db.reader.get<{ locked_until: string | null }>('SELECT locked_until FROM accounts WHERE id = ?', [account.id]);
    return refuse(signInText(lang, 'locked', { until: shanghaiTime(row?.locked_until ?? now.toISOString(), lang) }));
  }
  if (outcome === 'wrong_password') return refuse(signInText(lang, 'wrongCredentials'));
  if (outcome === 'password_expired') return refuse(signInText(lang, 'passwordExpired'));
  return refuse(signInText(lang, 'notUsable'));
}
