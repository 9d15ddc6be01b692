import { DeskError } from '../../shared/errors';
import type { RejectionReason } from '../../shared/verification/terms';
import { contactColumns } from '../accounts/account-repository';
import { issueActivationCode } from '../accounts/activation-code';
import { accountOfDocument, existingAccountError } from '../accounts/one-account-per-person';
import type { PiiVault } from '../accounts/pii-vault';
import type { DataKey } from '../crypto/data-key';
import { enqueueNotification } from '../notify/outbox';
import { type ApplicationRow, openApplicationPii } from './application-repository';
import { noticeContact, rejectionText } from './notices';
import type { Repositories } from '../repositories';

export interface DecisionDeps {
  vault: PiiVault;
  dataKey: DataKey;
  /** The portal's address, for the activation page's link; null while no portal runs. */
  portalIssuer: () => string | null;
}

export type Decision = { decision: 'approve'; note?: string } | { decision: 'reject'; reasonCode: RejectionReason; note: string };

/** A decision is taken once: an application that is no longer waiting cannot be decided again. */
export function assertUndecided(row: ApplicationRow): void {
  if (row.status !== 'submitted') {
    throw new DeskError('CONFLICT', `id: this application is already ${row.status}; a decision is final`, {
      params: { reason: 'already_decided', status: row.status },
    });
  }
}

/** Four eyes: whoever took an application in does not decide it. */
export function assertNotOwnIntake(row: ApplicationRow, reviewer: string): void {
  if (row.taken_by === reviewer) {
    throw new DeskError('FORBIDDEN', 'id: you took this application in; another reviewer must decide it', {
      params: { reason: 'own_intake' },
    });
  }
}

/**
 * Approves an alumni application in the caller's transaction: the duplicate check again, the
 * pending alumni account, its activation code (hash only) and the notice carrying the code to
 * the applicant's contact. The applicant finishes the account on the portal's /activate page.
 */
async function approveAlumni(repos: Repositories, deps: DecisionDeps, row: ApplicationRow, reviewer: string, now: Date) {
  const pii = openApplicationPii(deps.dataKey, row);
  const existing = await accountOfDocument(repos, deps.vault, pii.document);
  if (existing) throw existingAccountError(existing, 'id');
  const accountId = await repos.accounts.insertAccount(
    deps.vault,
    {
      username: null,
      realName: row.real_name,
      category: 'alumni',
      number: null,
      department: row.department,
      document: { type: row.doc_type, number: pii.document },
      mobile: pii.mobile,
      email: pii.email,
      status: 'pending',
    },
    now,
  );
  const reason = `alumni verification #${row.id} approved`;
  await repos.statusEvents.recordStatusEvent({ accountId, from: null, to: 'pending', reason, actor: reviewer }, now);
  const { code, expiresAt } = await issueActivationCode(repos, accountId, reviewer, now);
  const contact = noticeContact(pii);
  await enqueueNotification(
    repos,
    deps.dataKey,
    {
      ...contact,
      language: row.language,
      template: 'activation_code',
      params: { name: row.real_name, code, expiresAt, url: `${deps.portalIssuer() ?? ''}/activate` },
      accountId,
      subjectRef: `application:${row.id}`,
    },
    now,
  );
  await repos.accounts.markActivationSent(accountId, contact.channel, now);
  return accountId;
}

/** Replaces every bound contact of the account with the new ones, and tells the person through the new contact. */
async function approveContactChange(repos: Repositories, deps: DecisionDeps, row: ApplicationRow, now: Date) {
  const account = await repos.accounts.findAccountById(row.account_id!);
  if (!account || account.status === 'revoked') {
    throw new DeskError('CONFLICT', 'id: the account of this application was revoked; its contacts are not changed', {
      params: { reason: 'revoked' },
    });
  }
  const pii = openApplicationPii(deps.dataKey, row);
  await repos.accounts.replaceAccountContacts(account.id, contactColumns(deps.vault, pii), now);
  await enqueueNotification(
    repos,
    deps.dataKey,
    {
      ...noticeContact(pii),
      language: row.language,
      template: 'contact_change_approved',
      params: { name: row.real_name, username: account.username ?? '' },
      accountId: account.id,
      subjectRef: `application:${row.id}`,
    },
    now,
  );
}

async function reject(repos: Repositories, deps: DecisionDeps, row: ApplicationRow, reasonCode: RejectionReason, now: Date) {
  const pii = openApplicationPii(deps.dataKey, row);
  const params = { name: row.real_name, reason: rejectionText(row.language, reasonCode) };
  await enqueueNotification(
    repos,
    deps.dataKey,
    {
      ...noticeContact(pii),
      language: row.language,
      template: row.kind === 'alumni' ? 'verification_rejected' : 'contact_change_rejected',
      params,
      accountId: row.account_id,
      subjectRef: `application:${row.id}`,
    },
    now,
  );
}

/** Carries out a reviewer's decision and records it, all in the caller's transaction. */
export async function decide(repos: Repositories, deps: DecisionDeps, row: ApplicationRow, d: Decision, reviewer: string, now: Date) {
  assertUndecided(row);
  assertNotOwnIntake(row, reviewer);
  if (d.decision === 'reject') {
    await reject(repos, deps, row, d.reasonCode, now);
    await repos.applications.recordDecision(row, { status: 'rejected', reason: d.reasonCode, note: d.note, by: reviewer }, now);
    return;
  }
  const createdAccountId = row.kind === 'alumni' ? await approveAlumni(repos, deps, row, reviewer, now) : undefined;
  if (row.kind === 'contact_change') await approveContactChange(repos, deps, row, now);
  await repos.applications.recordDecision(row, { status: 'approved', reason: null, note: d.note?.trim() || null, by: reviewer, createdAccountId }, now);
}
