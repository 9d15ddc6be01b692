import type { Diagnosis } from '../../shared/contract/accounts';
import type { AccountRow } from './account-repository';

/** jAccount's rule: a newly activated account works five minutes after the activation message. */
export const ACTIVATION_DELAY_MS = 5 * 60 * 1000;

/** The "I failed to log in" answer: the first reason that applies, with its facts. */
export function diagnose(row: AccountRow, now: Date): Diagnosis {
  const base: Diagnosis = {
    code: 'ok',
    failedAttempts: row.failed_attempts,
    lockedUntil: null,
    activationSentAt: row.activation_sent_at,
    activationChannel: row.activation_channel,
    activationReadyAt: null,
    reason: null,
    passwordExpiredAt: null,
    openRecovery: null,
  };
  if (row.status === 'revoked') return { ...base, code: 'revoked', reason: row.status_reason };
  if (row.status === 'suspended') return { ...base, code: 'suspended', reason: row.status_reason };
  const readyAt = row.activation_sent_at ? new Date(new Date(row.activation_sent_at).getTime() + ACTIVATION_DELAY_MS) : null;
  if (row.status === 'pending' || (readyAt && readyAt > now)) {
    return { ...base, code: 'pending_activation', activationReadyAt: readyAt?.toISOString() ?? null };
  }
  if (row.locked_until && new Date(row.locked_until) > now) return { ...base, code: 'locked', lockedUntil: row.locked_until };
  if (row.password_expires_at && new Date(row.password_expires_at) <= now) {
    return { ...base, code: 'password_expired', passwordExpiredAt: row.password_expires_at };
  }
  if (row.failed_attempts > 0) return { ...base, code: 'wrong_password' };
  return base;
}
