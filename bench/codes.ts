import crypto from 'node:crypto';
import { jwkThumbprint } from '../src/main/keys/jwk';
import { nodeEd25519 } from '../src/main/verify/node-ed25519';
import {
  BUNDLE_FORMAT,
  type UnsignedBundle,
  bundleSigningInput,
  encodeIdentityCode,
  parseBundle,
  verifyCredential,
} from '../src/shared/identity-code';
import { base32Decode } from '../src/shared/identity-code/base32';
import { CODE_PREFIX, SIGNATURE_BYTES, signingInput } from '../src/shared/identity-code/format';
import { type BenchEntry, atLeast, info } from './report';

/**
 * Identity codes verified per second through the verifier's path (verifyCredential: decode,
 * bundle checks, key lookup, WebCrypto Ed25519, times, status list), against node's
 * crypto.verify of the same signature with the same key, in the same run.
 */
export async function runCodesBench(o: { ms: number; log: (line: string) => void }): Promise<BenchEntry[]> {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  const x = publicKey.export({ format: 'jwk' }).x!;
  const jwk = { kty: 'OKP' as const, crv: 'Ed25519' as const, x };
  const kid = jwkThumbprint(jwk);
  const now = Date.now();
  const unsigned: UnsignedBundle = {
    format: BUNDLE_FORMAT,
    version: 1,
    madeAt: new Date(now).toISOString(),
    keys: [{ kid, alg: 'EdDSA', state: 'active', jwk }],
    revokedKids: [],
    accounts: { revoked: Array.from({ length: 5000 }, (_, i) => `revoked${i}`), suspended: Array.from({ length: 5000 }, (_, i) => `paused${i}`) },
    signer: { kid, jwk },
  };
  const bundle = parseBundle(JSON.stringify({ ...unsigned, signature: crypto.sign(null, bundleSigningInput(unsigned), privateKey).toString('base64url') }));
  const iat = Math.floor(now / 1000);
  const code = await encodeIdentityCode({ sub: 'zhangxm', name: '张晓明', category: 'undergraduate', iat, exp: iat + 3600 }, kid, (d) =>
    crypto.sign(null, d, privateKey),
  );
  const bytes = base32Decode(code.slice(CODE_PREFIX.length))!;
  const signed = Buffer.from(signingInput(bytes.subarray(0, bytes.length - SIGNATURE_BYTES)));
  const signature = Buffer.from(bytes.subarray(bytes.length - SIGNATURE_BYTES));
  if (!(await verifyCredential(code, bundle, now)).valid) throw new Error('bench code does not verify');

  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < o.ms) {
    if (!crypto.verify(null, signed, publicKey, signature)) throw new Error('raw verify failed');
    n++;
  }
  const raw = n / ((performance.now() - t0) / 1000);

  const rate = async (options: Parameters<typeof verifyCredential>[3]) => {
    let count = 0;
    const start = performance.now();
    while (performance.now() - start < o.ms) {
      if (!(await verifyCredential(code, bundle, now, options)).valid) throw new Error('verifier path refused the code');
      count++;
    }
    return count / ((performance.now() - start) / 1000);
  };
  const cli = await rate({ ed25519: nodeEd25519() });
  const web = await rate({});
  o.log(`codes: verifier path ${cli.toFixed(0)}/s (node), ${web.toFixed(0)}/s (WebCrypto), raw crypto.verify ${raw.toFixed(0)}/s`);
  return [
    info('identity codes: raw crypto.verify (Ed25519, same key)', raw, '/s'),
    info('identity codes: verifier path (CLI: node:crypto), one at a time', cli, '/s'),
    info('identity codes: verifier path (screen: WebCrypto in Node), one at a time', web, '/s'),
    atLeast('identity codes: verifier path (CLI) / raw crypto.verify', cli / raw, '', 0.7),
    info('identity codes: verifier path (WebCrypto) / raw crypto.verify', web / raw, ''),
  ];
}
