import type { AuditFilter } from '../../src/shared/contract/audit';
import { type AuditRow, auditRows } from '../../src/main/audit/audit-repository';
import { type NotificationRow, listNotifications } from '../../src/main/notify/outbox-repository';
import type { Queryable } from '../../src/main/store/database';

/*
 * What the integration tests read back from a store to check it, through the desk's own
 * repository readers (the SQL stays in the repositories of src/main), shaped the way the
 * tests ask their questions.
 */

/**
 * The audit entries of exactly this action, oldest first. The reader's action filter matches
 * a prefix (as the console's search does); a test means the one action it names, so the
 * entries of longer names are left out here.
 */
export async function auditEntriesOf(q: Queryable, action: string, filter: Omit<AuditFilter, 'action'> = {}): Promise<AuditRow[]> {
  return (await auditRows(q, { ...filter, action })).filter((row) => row.action === action);
}

/** Every message in the outbox, oldest first (in the order they were queued), page by page of the outbox's list. */
export async function allNotifications(q: Queryable): Promise<NotificationRow[]> {
  const rows: NotificationRow[] = [];
  for (let page = 1; ; page++) {
    const { rows: more, total } = await listNotifications(q, {}, page, 200);
    rows.push(...more);
    if (more.length === 0 || rows.length >= total) break;
  }
  return rows.sort((a, b) => a.id - b.id);
}
