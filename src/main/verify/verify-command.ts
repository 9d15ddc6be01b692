import fs from 'node:fs';
import {
  BundleFormatError,
  DEFAULT_BUNDLE_MAX_AGE_SECONDS,
  DEFAULT_LEEWAY_SECONDS,
  type Verdict,
  parseBundle,
  verifyCredential,
} from '../../shared/identity-code';
import { nodeEd25519 } from './node-ed25519';

export const VERIFY_USAGE = 'usage: npm run verify -- <code-or-token> --bundle FILE [--leeway SECONDS] [--max-age SECONDS]';

const WORDS: Record<string, string> = {
  expired: 'expired',
  not_yet_valid: 'not yet valid',
  unknown_key: 'signed by a key the bundle does not know',
  revoked_key: 'signed by a revoked key',
  account_revoked: 'the account is revoked',
  account_suspended: 'the account is suspended',
  bad_signature: 'the signature does not verify (forged or altered)',
  malformed: 'not an identity code or a token',
  bundle_too_old: 'the trust bundle is too old; fetch a new one',
  bundle_from_future: 'the trust bundle was made in the future; check this clock',
  bundle_bad_signature: 'the trust bundle’s signature does not verify',
};

function flag(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const value = argv[i + 1];
  argv.splice(i, 2);
  if (value === undefined) throw new Error(`--${name} needs a value`);
  return value;
}

function seconds(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name}: "${text}" is not a whole number of seconds`);
  return n;
}

export function verdictLine(v: Verdict): string {
  if (v.valid) {
    const c = v.claims;
    const who = [c.sub, c.name, c.category].filter((x) => typeof x === 'string').join(' · ');
    const exp = typeof c.exp === 'number' ? new Date(c.exp * 1000).toISOString() : '?';
    return `VALID ${v.kind}: ${who} (until ${exp}; key ${v.kid}, ${v.keyState})`;
  }
  return `REFUSED ${v.reason}: ${WORDS[v.reason] ?? v.reason}${v.kid ? ` (key ${v.kid})` : ''}`;
}

/** The command's whole run: exit code 0 only for a valid credential, 1 for a refusal, 2 for a usage error. */
export async function runVerify(args: readonly string[], now = new Date()): Promise<{ exitCode: number; line: string }> {
  const argv = [...args];
  try {
    const bundleFile = flag(argv, 'bundle');
    const leewaySeconds = seconds(flag(argv, 'leeway'), 'leeway', DEFAULT_LEEWAY_SECONDS);
    const maxBundleAgeSeconds = seconds(flag(argv, 'max-age'), 'max-age', DEFAULT_BUNDLE_MAX_AGE_SECONDS);
    if (!bundleFile) throw new Error('--bundle FILE is required');
    if (argv.length !== 1) throw new Error(argv.length ? `one code or token, not ${argv.length} arguments` : 'a code or token is required');
    let text: string;
    try {
      text = fs.readFileSync(bundleFile, 'utf8');
    } catch (err) {
      throw new Error(`--bundle: cannot read ${bundleFile} (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { cause: err });
    }
    const bundle = parseBundle(text);
    const verdict = await verifyCredential(argv[0]!, bundle, now, { leewaySeconds, maxBundleAgeSeconds, ed25519: nodeEd25519() });
    return { exitCode: verdict.valid ? 0 : 1, line: verdictLine(verdict) };
  } catch (err) {
    const message = err instanceof BundleFormatError ? `--bundle: ${err.message}` : (err as Error).message;
    return { exitCode: 2, line: `verify: ${message}\n${VERIFY_USAGE}` };
  }
}
