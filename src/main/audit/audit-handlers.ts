import type { auditChannels } from '../../shared/contract/audit';
import type { Handlers } from '../rpc/context';
import type { AuditLog } from './audit-log';

export function auditHandlers(log: AuditLog): Handlers<keyof typeof auditChannels> {
  return {
    async 'audit.list'(input) {
      return log.list(input.filter, input.page, input.pageSize);
    },
    async 'audit.verify'(_input, ctx) {
      const result = await log.verify();
      ctx.audit.detail = { ok: result.ok, checked: result.checked, firstBroken: result.firstBroken?.seq ?? null };
      return result;
    },
    async 'audit.exportCsv'(input, ctx) {
      const { csv, rows } = await log.exportCsv(input.filter);
      ctx.audit.detail = { filter: input.filter, rows };
      const stamp = ctx.now.toISOString().slice(0, 16).replace(/[-:T]/g, '');
      return { filename: `jaccount-desk-audit-${stamp}.csv`, csv, rows };
    },
  };
}
