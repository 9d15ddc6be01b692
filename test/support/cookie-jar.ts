import type { SessionCarrier } from '../../src/main/rpc/context';

/** A session carrier like a browser's cookie jar: holds whatever token the desk sets. */
export function cookieJar(): SessionCarrier & { value: string | null } {
  const jar = {
    value: null as string | null,
    token: () => jar.value,
    set: (t: string) => void (jar.value = t),
    clear: () => void (jar.value = null),
  };
  return jar;
}
