import type { RecoveryEvent, RecoveryStatus } from '../../shared/contract/recovery';
import { ID_CHECK_VALID_MS, latestIdentityCheck } from './identity-check';
import type { RecoveryCodeRow } from './recovery-code-repository';
import type { Repositories } from '../repositories';

const EVENTS = 15;

function codeEvents(rows: RecoveryCodeRow[]): RecoveryEvent[] {
  return rows.flatMap((r) => [
    { kind: 'code_issued' as const, at: r.created_at, actor: r.issued_by, purpose: r.purpose, channel: r.channel },
    ...(r.closed_at && r.closed_reason ? [{ kind: 'code_closed' as const, at: r.closed_at, purpose: r.purpose, reason: r.closed_reason }] : []),
  ]);
}

/** Open codes (expiry judged now, without closing anything: a query writes nothing), the operator's check, recent events. */
export async function recoveryStatusOf(repos: Repositories, accountId: number, operator: string, now: Date): Promise<RecoveryStatus> {
  const [codes, checks, mine] = await Promise.all([
    repos.recoveryCodes.recentRecoveryCodes(accountId, EVENTS),
    repos.identityChecks.recentIdentityChecks(accountId, EVENTS),
    latestIdentityCheck(repos, accountId, now, operator),
  ]);
  const open = codes.filter((c) => c.closed_at === null && new Date(c.expires_at) > now);
  const expired = codes.map((c) =>
    c.closed_at === null && new Date(c.expires_at) <= now ? { ...c, closed_at: c.expires_at, closed_reason: 'expired' as const } : c,
  );
  const events: RecoveryEvent[] = [
    ...checks.map((c) => ({
      kind: 'id_check' as const,
      at: c.at,
      actor: c.operator,
      desk: c.desk,
      matched: c.matched === 1,
      documentType: c.document_type,
    })),
    ...codeEvents(expired),
  ]
    .filter((e) => e.at <= now.toISOString())
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    .slice(0, EVENTS);
  return {
    myCheck: mine
      ? { at: mine.at, matched: mine.matched === 1, validUntil: mine.matched ? new Date(new Date(mine.at).getTime() + ID_CHECK_VALID_MS).toISOString() : null }
      : null,
    openCodes: open.map((c) => ({
      purpose: c.purpose,
      channel: c.channel,
      createdAt: c.created_at,
      expiresAt: c.expires_at,
      issuedBy: c.issued_by,
      attempts: c.attempts,
    })),
    events,
  };
}

/** The open code the diagnosis mentions: a counter code before a self-service one. */
export async function openRecoveryOf(repos: Repositories, accountId: number, now: Date) {
  const row = await repos.recoveryCodes.firstOpenRecoveryCode(accountId, now);
  return row ? { purpose: row.purpose, expiresAt: row.expires_at } : null;
}
