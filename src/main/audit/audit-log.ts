import crypto from 'node:crypto';
import type { AuditEntry, AuditFilter } from '../../shared/contract/audit';
import {
  type AuditEntryRow,
  type AuditRow
} from './audit-repository';
import { canonicalJson } from './canonical-json';
import type { Repositories } from '../repositories';

export interface AuditRecord {
  actor: string | null;
  desk: string | null;
  action: string;
  target: string | null;
  outcome: AuditEntry['outcome'];
  detail: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);
const SECRET_KEY = /pass(word)?|secret|token|otp|private|code$/i;

/** Keeps a secret out of the log even when a caller puts one in the detail by mistake. */
function redact(detail: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(detail).map(([k, v]) => [k, SECRET_KEY.test(k) ? '[redacted]' : v]));
}

function toEntry(row: AuditEntryRow): AuditEntry {
  return { ...row, detail: JSON.parse(row.detail) as Record<string, unknown> };
}

/** The latest entries about one target, leaving out actions that would crowd the rest (views); in the caller's transaction or reader. */
export async function historyAbout(repos: Repositories, target: string, leaveOut: readonly string[], limit: number): Promise<AuditEntry[]> {
  return (await repos.audit.auditRowsAbout(target, leaveOut, limit)).map(toEntry);
}

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  // A leading =, +, - or @ would be run as a formula by spreadsheet software.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Append-only, hash-chained: each entry's hash is an HMAC (keyed from the data key, so the
 * chain cannot be recomputed by someone holding only the database file) over the previous
 * hash and the entry. Triggers refuse UPDATE and DELETE.
 */
export class AuditLog {
  constructor(
    private readonly chainKey: Buffer,
    private readonly repos: Repositories,
  ) {}

  private link(prevHash: string, row: Omit<AuditRow, 'prev_hash' | 'hash'>): string {
    const body = canonicalJson([row.seq, row.at, row.actor, row.desk, row.action, row.target, row.outcome, row.detail]);
    return crypto.createHmac('sha256', this.chainKey).update(`${prevHash}\n${body}`).digest('hex');
  }

  /**
   * The chain's end as this log last wrote or read it: the next entry is appended after it in
   * one statement, which checks it still is the end (appendAuditRow). Undefined: not known.
   */
  private end: Pick<AuditRow, 'seq' | 'hash'> | null | undefined;

  async append(repos: Repositories, record: AuditRecord, at: Date): Promise<number> {
    const entry = {
      at: at.toISOString(),
      actor: record.actor,
      desk: record.desk,
      action: record.action,
      target: record.target,
      outcome: record.outcome,
      detail: canonicalJson(redact(record.detail)),
    };
    for (let attempt = 1; ; attempt++) {
      const last = this.end !== undefined ? this.end : ((await repos.audit.lastLink()) ?? null);
      const row = { seq: (last?.seq ?? 0) + 1, ...entry };
      const prevHash = last?.hash ?? GENESIS;
      const hash = this.link(prevHash, row);
      if (await repos.audit.appendAuditRow({ ...row, prev_hash: prevHash, hash })) {
        this.end = { seq: row.seq, hash };
        return row.seq;
      }
      this.end = undefined;
      if (attempt === 3) throw new Error('the audit log kept moving while an entry was appended');
    }
  }

  /** Walks the whole chain; reports the first entry whose link does not hold. */
  async verify(): Promise<{ ok: boolean; checked: number; firstBroken: { seq: number; reason: string } | null }> {
    let prevHash = GENESIS;
    let expectedSeq = 1;
    let checked = 0;
    const batch = 5000;
    for (;;) {
      const rows = await this.repos.audit.auditRowsFrom(expectedSeq, batch);
      for (const row of rows) {
        const broken = (reason: string) => ({ ok: false, checked, firstBroken: { seq: row.seq, reason } });
        if (row.seq !== expectedSeq) return { ok: false, checked, firstBroken: { seq: expectedSeq, reason: 'missing entry' } };
        if (row.prev_hash !== prevHash) return broken('previous-hash link does not match');
        if (row.hash !== this.link(prevHash, row)) return broken('entry was altered');
        prevHash = row.hash;
        expectedSeq++;
        checked++;
      }
      if (rows.length < batch) return { ok: true, checked, firstBroken: null };
    }
  }

  async list(filter: AuditFilter, page: number, pageSize: number): Promise<{ entries: AuditEntry[]; total: number }> {
    const total = await this.repos.audit.countAuditRows(filter);
    const rows = await this.repos.audit.auditRowsPage(filter, pageSize, (page - 1) * pageSize);
    return { entries: rows.map(toEntry), total };
  }

  /** The latest entries about one target, leaving out actions that would crowd the rest (views). */
  historyOf(target: string, leaveOut: readonly string[], limit: number): Promise<AuditEntry[]> {
    return historyAbout(this.repos, target, leaveOut, limit);
  }

  async exportCsv(filter: AuditFilter): Promise<{ csv: string; rows: number }> {
    const rows = await this.repos.audit.auditRows(filter);
    const header = ['seq', 'at', 'actor', 'desk', 'action', 'target', 'outcome', 'detail', 'hash'];
    const lines = rows.map((r) => [r.seq, r.at, r.actor, r.desk, r.action, r.target, r.outcome, r.detail, r.hash].map(csvCell).join(','));
    return { csv: `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`, rows: rows.length };
  }
}
