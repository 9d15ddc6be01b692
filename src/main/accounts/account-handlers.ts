import type { accountChannels } from '../../shared/contract/accounts';
import { DeskError } from '../../shared/errors';
import { STATUS_TRANSITIONS } from '../../shared/identity/account';
import type { AuditLog } from '../audit/audit-log';
import { type CallContext, type Handlers, requireSession } from '../rpc/context';
import { requireIdentityCheck } from '../recovery/identity-check';
import { openRecoveryOf } from '../recovery/recovery-status';
import { readAccountInput } from './account-input';
import { issueActivationCode } from './activation-code';
import { accountOfDocument, existingAccountError } from './one-account-per-person';
import {
  type AccountRow
} from './account-repository';
import { PII_KINDS, readQuery, searchAccounts } from './account-search';
import { takePiiLookup } from './lookup-budget';
import { toSummary } from './account-views';
import { diagnose } from './diagnosis';
import { importAccounts } from './import-csv';
import type { PiiVault } from './pii-vault';

async function mustFind(ctx: CallContext, id: number): Promise<AccountRow> {
  const row = await ctx.repos.accounts.findAccountById(id);
  if (!row) throw new DeskError('NOT_FOUND', `id: no account with id ${id}`);
  ctx.audit.target = `account:${id}`;
  return row;
}

export function accountHandlers(vault: PiiVault, audit: AuditLog): Handlers<keyof typeof accountChannels> {
  async function card(ctx: CallContext, id: number) {
    const row = (await ctx.repos.accounts.findAccountById(id)) as AccountRow;
    const [signIns, events, history] = await Promise.all([
      ctx.repos.signInAttempts.recentSignInAttempts(id, 10),
      ctx.repos.statusEvents.recentStatusEvents(id, 20),
      audit.historyOf(`account:${id}`, ['accounts.get'], 20),
    ]);
    return {
      ...toSummary(row, ctx.now),
      statusReason: row.status_reason,
      lockedUntil: row.locked_until && new Date(row.locked_until) > ctx.now ? row.locked_until : null,
      failedAttempts: row.failed_attempts,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      diagnosis: { ...diagnose(row, ctx.now), openRecovery: await openRecoveryOf(ctx.repos, id, ctx.now) },
      recentSignIns: signIns,
      statusHistory: events.map((e) => ({ at: e.at, from: e.from_status, to: e.to_status, reason: e.reason, actor: e.actor })),
      history,
    };
  }

  return {
    /** Audited with what the query was read as and what matched, never the query itself; exact PII readings are budgeted. */
    async 'accounts.search'(input, ctx) {
      const readings = input.query ? readQuery(input.query, vault) : [];
      const pii = readings.some((r) => PII_KINDS.includes(r.kind));
      ctx.audit.detail = { readAs: readings.map((r) => r.kind) };
      const { hits, hasMore } = await searchAccounts(ctx.repos, readings, input.query, input.filters, input.page, input.pageSize);
      if (pii) await takePiiLookup(ctx, hits.length > 0);
      const matched: Record<string, number> = {};
      for (const h of hits) if (h.matchedBy) matched[h.matchedBy] = (matched[h.matchedBy] ?? 0) + 1;
      ctx.audit.detail = { readAs: readings.map((r) => r.kind), hits: hits.length, matched, filters: input.filters, page: input.page };
      return { items: hits.map((h) => toSummary(h.row, ctx.now, h.matchedBy)), hasMore };
    },

    async 'accounts.get'(input, ctx) {
      await mustFind(ctx, input.id);
      return card(ctx, input.id);
    },

    async 'accounts.diagnose'(input, ctx) {
      const username = input.username.toLowerCase();
      ctx.audit.detail.username = username;
      const row = await ctx.repos.accounts.findAccountByUsername(username);
      if (row) {
        ctx.audit.target = `account:${row.id}`;
        return { found: true, account: toSummary(row, ctx.now), diagnosis: diagnose(row, ctx.now), closest: [] };
      }
      // No such username: offer the nearest usernames (same first letters) and names, for the operator to confirm in person.
      const stem = username.slice(0, Math.max(2, Math.min(username.length - 1, 4)));
      const near = await ctx.repos.accounts.accountsWithUsernamePrefix(stem, 5);
      // Names only: the box takes a username, and must not become a way round the PII lookup budget.
      const byName = await searchAccounts(ctx.repos, [], username, {}, 1, 5);
      const seen = new Set<number>();
      const closest = [...near.map((r) => ({ row: r, matchedBy: 'username' as const })), ...byName.hits]
        .filter((h) => !seen.has(h.row.id) && seen.add(h.row.id))
        .slice(0, 8)
        .map((h) => toSummary(h.row, ctx.now, h.matchedBy));
      return { found: false, account: null, diagnosis: null, closest };
    },

    async 'accounts.departments'(_input, ctx) {
      return ctx.repos.search.listDepartments();
    },

    async 'accounts.reveal'(input, ctx) {
      const row = await mustFind(ctx, input.id);
      ctx.audit.detail = { field: input.field, reason: input.reason };
      const sealed = { document: row.doc_sealed, mobile: row.mobile_sealed, email: row.email_sealed }[input.field];
      if (!sealed) throw new DeskError('NOT_FOUND', `field: this account has no ${input.field} on record`);
      return { value: vault.open(input.field, sealed) };
    },

    async 'accounts.setStatus'(input, ctx) {
      const row = await mustFind(ctx, input.id);
      ctx.audit.detail = { from: row.status, to: input.status, reason: input.reason };
      if (!STATUS_TRANSITIONS[row.status].includes(input.status)) {
        throw new DeskError('CONFLICT', `status: an account that is ${row.status} cannot become ${input.status}`, {
          fields: [{ path: 'status', reason: 'transition', message: `${row.status} -> ${input.status} is not allowed` }],
          params: { from: row.status, to: input.status },
        });
      }
      const status = input.status === 'active' && !row.username ? 'pending' : input.status;
      await ctx.repos.accounts.setAccountStatus(row.id, status, input.reason, ctx.now);
      const actor = requireSession(ctx).staff.username;
      await ctx.repos.statusEvents.recordStatusEvent({ accountId: row.id, from: row.status, to: status, reason: input.reason, actor }, ctx.now);
      if (status === 'suspended' || status === 'revoked') {
        ctx.audit.detail.holderSessionsEnded = await ctx.repos.holderSessions.endHolderSessionsOfAccount(row.id, `account_${status}`, ctx.now);
      }
      return card(ctx, row.id);
    },

    async 'accounts.unlock'(input, ctx) {
      const row = await mustFind(ctx, input.id);
      ctx.audit.detail = { reason: input.reason, lockedUntil: row.locked_until };
      if (!row.locked_until || new Date(row.locked_until) <= ctx.now) {
        throw new DeskError('CONFLICT', 'id: this account is not locked', { params: { reason: 'not_locked' } });
      }
      await requireIdentityCheck(ctx.repos, row.id, requireSession(ctx).staff.username, ctx.now);
      await ctx.repos.credentials.unlockAccount(row.id, ctx.now);
      const actor = requireSession(ctx).staff.username;
      await ctx.repos.statusEvents.recordStatusEvent({ accountId: row.id, from: 'locked', to: row.status, reason: input.reason, actor }, ctx.now);
      return card(ctx, row.id);
    },

    async 'accounts.register'(input, ctx) {
      const read = readAccountInput(input, ctx.now, { mobileRequired: true });
      if (!read.ok) {
        throw new DeskError('VALIDATION', read.issues.map((i) => `${i.field}: ${i.reason}`).join('; '), {
          fields: read.issues.map((i) => ({ path: i.field, reason: i.reason, message: i.reason })),
        });
      }
      const { fields } = read;
      // Only a hit spends the budget: a miss registers someone new, which is no quiet way of guessing.
      const existing = await accountOfDocument(ctx.repos, vault, fields.document.number);
      if (existing) {
        ctx.audit.target = `account:${existing.id}`;
        await takePiiLookup(ctx, true, { refusing: true });
        throw existingAccountError(existing);
      }
      if (fields.number && (await ctx.repos.accounts.findAccountByNumber(fields.number))) {
        throw new DeskError('CONFLICT', `number: ${fields.number} already belongs to another account`, {
          fields: [{ path: 'number', reason: 'taken', message: 'already belongs to another account' }],
        });
      }
      const id = await ctx.repos.accounts.insertAccount(vault, { ...fields, username: null, status: 'pending' }, ctx.now);
      const actor = requireSession(ctx).staff.username;
      await ctx.repos.statusEvents.recordStatusEvent({ accountId: id, from: null, to: 'pending', reason: 'registered at the counter', actor }, ctx.now);
      const { code, expiresAt } = await issueActivationCode(ctx.repos, id, actor, ctx.now);
      ctx.audit.target = `account:${id}`;
      ctx.audit.detail = { category: fields.category, department: fields.department };
      return { account: toSummary((await ctx.repos.accounts.findAccountById(id))!, ctx.now), activationCode: code, expiresAt };
    },

    async 'accounts.import'(input, ctx) {
      const actor = requireSession(ctx).staff.username;
      const report = await importAccounts(ctx.repos, vault, {
        fileName: input.fileName,
        content: Buffer.from(input.contentBase64, 'base64'),
        dryRun: input.dryRun,
        actor,
        now: ctx.now,
      });
      ctx.audit.target = `import:${input.fileName}`;
      ctx.audit.detail = {
        dryRun: input.dryRun,
        total: report.total,
        created: report.created,
        updated: report.updated,
        rejected: report.rejected.length,
      };
      return report;
    },
  };
}
