import type { recoveryChannels } from '../../shared/contract/recovery';
import { DeskError } from '../../shared/errors';
import type { AccountRow } from '../accounts/account-repository';
import { toSummary } from '../accounts/account-views';
import type { DeskServices } from '../desk-services';
import { type CallContext, type Handlers, requireSession } from '../rpc/context';
import { recordIdentityCheck, requireIdentityCheck } from './identity-check';
import { cancelCode, counterCode, openCode, storeCode } from './recovery-codes';
import { recoveryStatusOf } from './recovery-status';
import { recoveryDeps, sendUsername } from './self-service';

async function mustFind(ctx: CallContext, id: number): Promise<AccountRow> {
  const row = await ctx.repos.accounts.findAccountById(id);
  if (!row) throw new DeskError('NOT_FOUND', `id: no account with id ${id}`);
  ctx.audit.target = `account:${id}`;
  return row;
}

/** Counter codes and reminders are for working accounts: pending ones finish with their activation code. */
function requireActive(row: AccountRow): asserts row is AccountRow & { username: string } {
  if (row.status !== 'active' || !row.username) {
    throw new DeskError('CONFLICT', `id: the account is ${row.status}; recovery needs an active account`, {
      params: { reason: 'recovery_not_active', status: row.status },
    });
  }
}

export function recoveryHandlers(services: DeskServices): Handlers<keyof typeof recoveryChannels> {
  const deps = recoveryDeps(services);

  return {
    async 'recovery.status'(input, ctx) {
      await mustFind(ctx, input.id);
      return recoveryStatusOf(ctx.repos, input.id, requireSession(ctx).staff.username, ctx.now);
    },

    async 'recovery.recordIdCheck'(input, ctx) {
      const session = requireSession(ctx);
      if (!session.permissions.includes('account.unlock') && !session.permissions.includes('counterCode.issue')) {
        throw new DeskError('FORBIDDEN', 'you do not hold the permission "counterCode.issue"', { params: { permission: 'counterCode.issue' } });
      }
      const row = await mustFind(ctx, input.id);
      const result = await recordIdentityCheck(
        ctx.repos,
        services.vault,
        row,
        { documentType: input.documentType, hiddenCharacters: input.hiddenCharacters, operator: session.staff.username, desk: session.desk },
        ctx.now,
      );
      ctx.audit.detail = {
        documentType: input.documentType,
        charactersCompared: input.hiddenCharacters.length,
        matched: result.matched,
        typeMatched: result.typeMatched,
        digitsMatched: result.digitsMatched,
      };
      return result;
    },

    async 'recovery.issueCounterCode'(input, ctx) {
      const session = requireSession(ctx);
      const row = await mustFind(ctx, input.id);
      ctx.audit.detail = { minutes: input.minutes, replaceOpen: input.replaceOpen };
      requireActive(row);
      await requireIdentityCheck(ctx.repos, row.id, session.staff.username, ctx.now);
      const open = await openCode(ctx.repos, row.id, 'counter_reset', ctx.now);
      if (open && !input.replaceOpen) {
        throw new DeskError('CONFLICT', `id: a counter code is already open until ${open.expires_at}; cancel it or replace it`, {
          params: { reason: 'counter_code_open', until: open.expires_at },
        });
      }
      const code = counterCode();
      const stored = await storeCode(
        ctx.repos,
        deps.hasher,
        {
          accountId: row.id,
          purpose: 'counter_reset',
          channel: 'counter',
          value: code,
          ttlMs: input.minutes * 60_000,
          issuedBy: session.staff.username,
          desk: session.desk,
        },
        ctx.now,
        'cancelled',
      );
      ctx.audit.detail = { minutes: input.minutes, replaced: stored.replaced, expiresAt: stored.expiresAt };
      return { account: toSummary(row, ctx.now), code, issuedAt: ctx.now.toISOString(), expiresAt: stored.expiresAt, replaced: stored.replaced };
    },

    async 'recovery.cancelCounterCode'(input, ctx) {
      const session = requireSession(ctx);
      await mustFind(ctx, input.id);
      ctx.audit.detail = { reason: input.reason };
      if (!(await cancelCode(ctx.repos, input.id, 'counter_reset', ctx.now))) {
        throw new DeskError('CONFLICT', 'id: this account has no open counter code', { params: { reason: 'no_open_counter_code' } });
      }
      return recoveryStatusOf(ctx.repos, input.id, session.staff.username, ctx.now);
    },

    async 'recovery.sendUsername'(input, ctx) {
      const session = requireSession(ctx);
      const row = await mustFind(ctx, input.id);
      requireActive(row);
      await requireIdentityCheck(ctx.repos, row.id, session.staff.username, ctx.now);
      if (!row.mobile_sealed && !row.email_sealed) {
        throw new DeskError('CONFLICT', 'id: this account has no bound mobile or email to send the username to', {
          params: { reason: 'no_bound_contact' },
        });
      }
      const channels = await sendUsername(ctx.repos, deps, row, input.language, ctx.now);
      ctx.audit.detail = { channels };
      return { channels };
    },
  };
}
