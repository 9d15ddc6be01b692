import type { KeyView } from '../../shared/contract/keys';
import type { KeyRow } from './signing-key-repository';
import { promotableAt, removalDueAt, rotationDueAt } from './key-timing';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** What the console may see of a key: identifiers, state and dates; no key material at all. */
export function toKeyView(row: KeyRow, rotationDays: number): KeyView {
  return {
    kid: row.kid,
    alg: row.alg,
    size: row.size,
    curve: row.curve,
    fingerprint: row.fingerprint,
    state: row.state,
    origin: row.origin,
    createdAt: row.created_at,
    publishedAt: row.published_at,
    activatedAt: row.activated_at,
    retiredAt: row.retired_at,
    revokedAt: row.revoked_at,
    removedAt: row.removed_at,
    revocationReason: row.revocation_reason,
    promotableAt: iso(promotableAt(row)),
    removalDueAt: iso(removalDueAt(row)),
    rotationDueAt: row.state === 'active' ? iso(rotationDueAt(row, rotationDays)) : null,
  };
}

/** What the audit log says about a key: never key material. */
export function auditedKey(row: Pick<KeyRow, 'kid' | 'alg' | 'size' | 'curve' | 'fingerprint'>) {
  return { kid: row.kid, alg: row.alg, ...(row.size ? { size: row.size } : { curve: row.curve }), fingerprint: row.fingerprint };
}
