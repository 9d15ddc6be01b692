import crypto, { type KeyObject } from 'node:crypto';
import type { RestoreReport } from '../../shared/contract/keys';
import { DeskError } from '../../shared/errors';
import { KEY_STATES, type KeyState } from '../../shared/signing-keys';
import type { DataKey } from '../crypto/data-key';
import { certificateFingerprint } from './certificate';
import { jwkThumbprint, publicJwk } from './jwk';
import { type KeyMaterial, describeKey, materialOf, openPrivateKey, sealPrivateKey } from './key-material';
import { type BackupEntry, BackupPasswordError, readPkcs12 } from './pkcs12';
import type { Repositories } from '../repositories';

/** Every key that was not removed, with its recorded state and dates; revoked keys without their (wiped) private key. */
export async function backupEntries(repos: Repositories, dataKey: DataKey): Promise<BackupEntry[]> {
  const rows = await repos.signingKeys.keysToBackUp();
  return rows.map((row) => ({
    kid: row.kid,
    certificateDer: new crypto.X509Certificate(row.certificate).raw,
    privateKeyDer: row.private_key_sealed
      ? openPrivateKey(dataKey, row.kid, row.private_key_sealed).export({ type: 'pkcs8', format: 'der' })
      : null,
    record: {
      state: row.state,
      createdAt: row.created_at,
      publishedAt: row.published_at,
      activatedAt: row.activated_at,
      retiredAt: row.retired_at,
      revokedAt: row.revoked_at,
      revocationReason: row.revocation_reason,
    },
  }));
}

export function openBackup(bytes: Buffer, password: string): BackupEntry[] {
  try {
    return readPkcs12(bytes, password);
  } catch (err) {
    if (err instanceof BackupPasswordError) {
      throw new DeskError('VALIDATION', 'password: the backup password is not correct', {
        fields: [{ path: 'password', reason: 'wrong_password', message: 'the backup password is not correct' }],
      });
    }
    throw new DeskError('VALIDATION', 'fileName: this file is not a key backup the desk can read', {
      fields: [{ path: 'fileName', reason: 'unreadable_backup', message: 'not a key backup the desk can read' }],
    });
  }
}

const dateOr = (value: unknown, fallback: string | null): string | null =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : fallback;

const sameKey = (a: KeyObject, b: KeyObject) =>
  a.export({ type: 'spki', format: 'der' }).equals(b.export({ type: 'spki', format: 'der' }));

/** The entry's key and certificate, checked to belong together and to the kid; null when they do not. */
function verifiedEntry(entry: BackupEntry): { material: KeyMaterial | null; publicKey: KeyObject } | null {
  const certificate = new crypto.X509Certificate(entry.certificateDer);
  if (!certificate.verify(certificate.publicKey)) return null;
  if (jwkThumbprint(publicJwk(certificate.publicKey)) !== entry.kid || !describeKey(certificate.publicKey)) return null;
  if (!entry.privateKeyDer) return { material: null, publicKey: certificate.publicKey };
  const privateKey = crypto.createPrivateKey({ key: entry.privateKeyDer, format: 'der', type: 'pkcs8' });
  if (!sameKey(crypto.createPublicKey(privateKey), certificate.publicKey)) return null;
  return { material: materialOf(privateKey, certificate.toString()), publicKey: certificate.publicKey };
}

/**
 * Restores keys in their recorded states, except where that would make a second active (or
 * next) key of an algorithm: those come back retired. Known kids are skipped; removed keys
 * are never in a backup.
 */
export async function restoreEntries(repos: Repositories, dataKey: DataKey, entries: readonly BackupEntry[], now: Date) {
  const report: Omit<RestoreReport, 'fileName'> = { restored: [], skipped: [] };
  const at = now.toISOString();
  for (const entry of entries) {
    const recorded = entry.record.state as KeyState;
    if (await repos.signingKeys.findKeyRow(entry.kid)) {
      report.skipped.push({ kid: entry.kid, reason: 'duplicate' });
      continue;
    }
    let verified: ReturnType<typeof verifiedEntry>;
    try {
      verified = verifiedEntry(entry);
    } catch {
      verified = null;
    }
    if (!verified || !KEY_STATES.includes(recorded) || recorded === 'removed') {
      report.skipped.push({ kid: entry.kid, reason: 'unsupported' });
      continue;
    }
    if (!verified.material && recorded !== 'revoked') {
      report.skipped.push({ kid: entry.kid, reason: 'no_private_key' });
      continue;
    }
    const kind = describeKey(verified.publicKey)!;
    const material = verified.material ?? {
      ...kind,
      kid: entry.kid,
      certificatePem: new crypto.X509Certificate(entry.certificateDer).toString(),
      fingerprint: certificateFingerprint(entry.certificateDer),
    };
    const r = entry.record;
    const taken = (recorded === 'active' || recorded === 'next') && (await repos.signingKeys.keyInState(kind.alg, recorded));
    const state: KeyState = taken ? 'retired' : recorded;
    await repos.signingKeys.insertKey({
      material,
      sealed: verified.material ? sealPrivateKey(dataKey, entry.kid, verified.material.privateKey) : null,
      state,
      origin: 'restored',
      at: {
        created_at: dateOr(r.createdAt, at)!,
        published_at: dateOr(r.publishedAt, at)!,
        activated_at: dateOr(r.activatedAt, state === 'active' ? at : null),
        retired_at: taken ? at : state === 'retired' ? dateOr(r.retiredAt, at) : null,
        revoked_at: state === 'revoked' ? dateOr(r.revokedAt, at) : null,
        revocation_reason: state === 'revoked' && typeof r.revocationReason === 'string' ? r.revocationReason : null,
      },
    });
    report.restored.push({ kid: entry.kid, alg: kind.alg, state, recordedState: recorded });
  }
  return report;
}
