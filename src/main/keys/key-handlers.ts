import type { keyChannels } from '../../shared/contract/keys';
import { DeskError } from '../../shared/errors';
import { type CallContext, type Handlers, requireSession } from '../rpc/context';
import { promote, publishNext, revokeKey } from './key-lifecycle';
import type { KeyManager } from './key-manager';
import { assertTransition, mustFindKey } from './key-rows';
import { auditedKey, toKeyView } from './key-views';
import { insertRequest, openRequest, pendingRequests } from './revocations';
import type { KeyRow } from './signing-key-repository';

/** Finds the key and names it in the audit entry (identifiers only, never material). */
async function targetKey(ctx: CallContext, kid: string): Promise<KeyRow> {
  ctx.audit.target = `key:${kid}`;
  const key = await mustFindKey(ctx.repos, kid);
  ctx.audit.detail = { ...ctx.audit.detail, ...auditedKey(key) };
  return key;
}

async function view(ctx: CallContext, key: KeyRow) {
  return toKeyView(key, (await ctx.repos.keySchedule.readSchedule()).rotationDays);
}

export function keyHandlers(keys: KeyManager): Handlers<keyof typeof keyChannels> {
  return {
    async 'keys.list'(_input, ctx) {
      return keys.overview(ctx.repos, ctx.now, requireSession(ctx).staff.id);
    },

    async 'keys.generateNext'(input, ctx) {
      ctx.audit.detail = { alg: input.alg };
      if (input.alg === 'EdDSA' && input.size !== undefined) {
        throw new DeskError('VALIDATION', 'size: Ed25519 keys have no size to choose', {
          fields: [{ path: 'size', reason: 'not_applicable', message: 'Ed25519 keys have no size to choose' }],
        });
      }
      const spec = input.alg === 'RS256' ? { alg: input.alg, size: input.size ?? 2048 } : { alg: input.alg };
      const key = await publishNext(ctx.repos, keys.dataKey, spec, ctx.now);
      ctx.audit.target = `key:${key.kid}`;
      ctx.audit.detail = auditedKey(key);
      keys.notifyAfterCommit();
      return view(ctx, key);
    },

    async 'keys.promote'(input, ctx) {
      const key = await targetKey(ctx, input.kid);
      const { promoted, retired } = await promote(ctx.repos, key, ctx.now);
      if (retired) ctx.audit.detail.retired = retired.kid;
      keys.notifyAfterCommit();
      return { promoted: await view(ctx, promoted), retired: retired && (await view(ctx, retired)) };
    },

    async 'keys.setSchedule'(input, ctx) {
      const before = await ctx.repos.keySchedule.readSchedule();
      ctx.audit.detail = { rotationDays: { from: before.rotationDays, to: input.rotationDays } };
      await ctx.repos.keySchedule.writeSchedule(input.rotationDays, requireSession(ctx).staff.username, ctx.now);
      return ctx.repos.keySchedule.readSchedule();
    },

    async 'keys.requestRevocation'(input, ctx) {
      const key = await targetKey(ctx, input.kid);
      ctx.audit.detail.reason = input.reason;
      assertTransition(key, 'revoked');
      const session = requireSession(ctx);
      const id = await insertRequest(ctx.repos, key.kid, input.reason, session.staff.id, ctx.now);
      ctx.audit.detail.requestId = id;
      return (await pendingRequests(ctx.repos, ctx.now, session.staff.id)).find((r) => r.id === id)!;
    },

    async 'keys.confirmRevocation'(input, ctx) {
      const session = requireSession(ctx);
      const request = await openRequest(ctx.repos, input.requestId, ctx.now);
      const key = await targetKey(ctx, request.kid);
      ctx.audit.detail = { ...ctx.audit.detail, requestId: request.id, reason: request.reason };
      if (request.requested_by === session.staff.id) {
        throw new DeskError('FORBIDDEN', 'requestId: a different key admin must confirm the revocation you requested', {
          params: { reason: 'four_eyes' },
        });
      }
      ctx.audit.detail.requestedBy = await ctx.repos.staff.usernameOf(request.requested_by);
      await ctx.repos.revocations.decideRequest(request.id, 'confirmed', session.staff.id, ctx.now);
      const { revoked, replacement, replacedBy } = await revokeKey(ctx.repos, keys.dataKey, key, request.reason, ctx.now);
      if (replacement) ctx.audit.detail.replacement = { ...auditedKey(replacement), how: replacedBy };
      keys.notifyAfterCommit();
      return { revoked: await view(ctx, revoked), replacement: replacement && (await view(ctx, replacement)), replacedBy };
    },

    async 'keys.cancelRevocation'(input, ctx) {
      const request = await openRequest(ctx.repos, input.requestId, ctx.now);
      const key = await targetKey(ctx, request.kid);
      ctx.audit.detail = { ...auditedKey(key), requestId: request.id };
      await ctx.repos.revocations.decideRequest(request.id, 'cancelled', requireSession(ctx).staff.id, ctx.now);
      return { ok: true as const };
    },

    async 'keys.backup'(input, ctx) {
      const file = await keys.backup(ctx.repos, input.password, ctx.now);
      ctx.audit.target = `file:${file.fileName}`;
      ctx.audit.detail = { fileName: file.fileName, keys: file.keys };
      return file;
    },

    async 'keys.listBackups'() {
      return keys.listBackups();
    },

    async 'keys.restore'(input, ctx) {
      ctx.audit.target = `file:${input.fileName}`;
      const report = await keys.restore(ctx.repos, input.fileName, input.password, ctx.now);
      ctx.audit.detail = { fileName: input.fileName, restored: report.restored, skipped: report.skipped };
      keys.notifyAfterCommit();
      return report;
    },

    async 'keys.exportPublic'(_input, ctx) {
      const exported = await keys.exportPublic(ctx.repos);
      ctx.audit.detail = { published: (JSON.parse(exported.jwks) as { keys: unknown[] }).keys.length };
      return exported;
    },
  };
}
