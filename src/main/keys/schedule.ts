import { KEY_ALGS, type KeyAlg } from '../../shared/signing-keys';
import type { KeyRow } from './signing-key-repository';
import { promotableAt, removalDueAt, rotationDueAt, successorDueAt } from './key-timing';

/** What a tick has to do now; empty when nothing is due. */
export interface TickPlan {
  publish: { alg: KeyAlg; size: number | null }[];
  promote: KeyRow[];
  remove: KeyRow[];
}

/**
 * Scheduled rotation per algorithm: publish a successor ahead of the active key's due date,
 * promote it once due (and once the JWKS cache age has passed since it was published), and
 * remove retired keys whose verify window is over (whatever the schedule).
 */
export function planTick(rows: readonly KeyRow[], rotationDays: number, now: Date): TickPlan {
  const plan: TickPlan = { publish: [], promote: [], remove: [] };
  for (const alg of KEY_ALGS) {
    const active = rows.find((r) => r.alg === alg && r.state === 'active');
    const next = rows.find((r) => r.alg === alg && r.state === 'next');
    if (!active) continue;
    const successorDue = successorDueAt(active, rotationDays);
    const rotationDue = rotationDueAt(active, rotationDays);
    if (!next && successorDue && successorDue <= now) plan.publish.push({ alg, size: active.size });
    if (next && rotationDue && rotationDue <= now && promotableAt(next)! <= now) plan.promote.push(next);
  }
  plan.remove = rows.filter((r) => {
    const due = removalDueAt(r);
    return due !== null && due <= now;
  });
  return plan;
}

export const isEmptyPlan = (plan: TickPlan) => plan.publish.length + plan.promote.length + plan.remove.length === 0;
