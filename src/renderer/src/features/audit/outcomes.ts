import type { AuditEntry } from '../../../../shared/contract/audit';

type Outcome = AuditEntry['outcome'];

const COLORS = { success: 'teal', failure: 'orange', denied: 'red' } as const satisfies Record<Outcome, string>;

/** Every outcome the log records (a new one in the contract fails typecheck here until it has a colour). */
export const AUDIT_OUTCOMES = Object.keys(COLORS) as Outcome[];

export function outcomeColor(outcome: Outcome): string {
  return COLORS[outcome];
}
