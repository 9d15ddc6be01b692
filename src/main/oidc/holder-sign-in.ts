import { checkAccountSignIn } from '../accounts/account-sign-in';
import type { PasswordHasher } from '../crypto/password-hash';
import { PasswordQueueFull, type PasswordWorkQueue } from '../crypto/hash-queue';
import type { PortalLanguage } from '../portal/portal-text';
import type { FailureLimiter } from '../portal/rate-limit';
import { signInText } from './sign-in-text';
import type { Store } from '../repositories';

function shanghaiTime(iso: string, lang: PortalLanguage): string {
  return new Date(iso).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' });
}

/**
 * An account holder's password check on the end-user pages: through the registry's atomic
 * counter (so the desk's login diagnosis sees it), slowed down per source, and answered with
 * what the holder may be told: why not, without revealing more than a lock's end.
 */
export async function holderSignIn(
  deps: { store: Store; passwordHasher: PasswordHasher; limiter: FailureLimiter; passwords: PasswordWorkQueue },
  input: { username: string; password: string; sourceAddress: string; via: string },
  now: Date,
  lang: PortalLanguage,
): Promise<
  { username: string; account: { id: number; passwordHash: string }; problem: null } | { username: null; problem: string; status: number }
> {
  // Counted before the password is hashed, kept unless it succeeds or never ran.
  const attempt = deps.limiter.reserve(input.sourceAddress, now.getTime());
  if (!attempt) return { username: null, problem: signInText(lang, 'tooMany'), status: 429 };
  let checked;
  try {
    checked = await deps.passwords.run(() => checkAccountSignIn(deps, { username: input.username, password: input.password, source: input.via }, now));
  } catch (err) {
    if (!(err instanceof PasswordQueueFull)) {
      attempt.keep();
      throw err;
    }
    attempt.release();
    return { username: null, problem: signInText(lang, 'busy'), status: 503 };
  }
  const { outcome, account } = checked;
  if (outcome === 'success' && account?.username && account.password_hash) {
    attempt.release();
    return { username: account.username, account: { id: account.id, passwordHash: account.password_hash }, problem: null };
  }
  attempt.keep();
  const refuse = (problem: string) => ({ username: null, problem, status: 401 });
  if (outcome === 'locked' && account) {
    const row = await deps.store.reads.accounts.findAccountById(account.id);
    return refuse(signInText(lang, 'locked', { until: shanghaiTime(row?.locked_until ?? now.toISOString(), lang) }));
  }
  if (outcome === 'wrong_password') return refuse(signInText(lang, 'wrongCredentials'));
  if (outcome === 'password_expired') return refuse(signInText(lang, 'passwordExpired'));
  return refuse(signInText(lang, 'notUsable'));
}
