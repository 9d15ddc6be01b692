import crypto from 'node:crypto';
import type { JWK } from 'jose';
import type { KeyAlg } from '../../shared/signing-keys';
import type { DataKey } from '../crypto/data-key';
import { certificateDer } from './certificate';
import { openPrivateKey } from './key-material';
import type { KeyRow } from './signing-key-repository';
import { privateJwk, publicJwk } from './jwk';

export interface SigningKeySet {
  /** Changes whenever the set changes. */
  revision: string;
  /** For oidc-provider's `jwks`: each algorithm's active key first (it signs), then next and retired keys, verify only. */
  privateJwks: JWK[];
  /** The published JWKS: next, active and retired keys, public parts only, with x5c and x5t#S256. */
  publicJwks: { keys: JWK[] };
  activeKid: Record<KeyAlg, string>;
}

type PublishedRow = KeyRow & { private_key_sealed: string };

/** A digest of which keys are published in which state: the set's revision. */
export function revisionOf(rows: readonly { kid: string; state: string }[]): string {
  const canonical = rows
    .map((r) => `${r.kid}:${r.state}`)
    .sort()
    .join('\n');
  return crypto.createHash('sha256').update(canonical).digest('base64url').slice(0, 22);
}

const ORDER: Record<string, number> = { active: 0, next: 1, retired: 2 };

export function buildKeySet(rows: readonly PublishedRow[], dataKey: DataKey): SigningKeySet {
  const sorted = [...rows].sort((a, b) => ORDER[a.state]! - ORDER[b.state]! || (a.alg === b.alg ? 0 : a.alg === 'RS256' ? -1 : 1));
  const activeKid = {} as Record<KeyAlg, string>;
  const privateJwks: JWK[] = [];
  const publicKeys: JWK[] = [];
  for (const row of sorted) {
    const key = openPrivateKey(dataKey, row.kid, row.private_key_sealed);
    const labels = { kid: row.kid, alg: row.alg, use: 'sig' };
    if (row.state === 'active') {
      activeKid[row.alg] = row.kid;
      privateJwks.push({ ...privateJwk(key), ...labels });
    } else {
      privateJwks.push({ ...privateJwk(key), ...labels, key_ops: ['verify'] });
    }
    const der = certificateDer(row.certificate);
    publicKeys.push({
      ...publicJwk(key),
      ...labels,
      x5c: [der.toString('base64')],
      'x5t#S256': crypto.createHash('sha256').update(der).digest('base64url'),
    });
  }
  return { revision: revisionOf(rows), privateJwks, publicJwks: { keys: publicKeys }, activeKid };
}
