import type { KeySchedule } from '../../shared/contract/keys';
import type { Queryable } from '../store/database';

/** The SQL of scheduled rotation: the one row of signing_key_schedule (id 1). */

export async function readSchedule(db: Queryable): Promise<KeySchedule> {
  const row = await db.get<{ rotation_days: number; updated_at: string | null; updated_by: string | null }>(
    'SELECT rotation_days, updated_at, updated_by FROM signing_key_schedule WHERE id = 1',
  );
  return { rotationDays: row?.rotation_days ?? 0, updatedAt: row?.updated_at ?? null, updatedBy: row?.updated_by ?? null };
}

export async function writeSchedule(tx: Queryable, rotationDays: number, actor: string, now: Date): Promise<void> {
  await tx.run('UPDATE signing_key_schedule SET rotation_days = ?, updated_at = ?, updated_by = ? WHERE id = 1', [
    rotationDays,
    now.toISOString(),
    actor,
  ]);
}
