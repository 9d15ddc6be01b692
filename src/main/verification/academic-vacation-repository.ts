import type { Vacation } from '../../shared/calendar/calendar-issues';
import type { Queryable } from '../store/database';

/** The schools' winter and summer vacations (table `academic_vacations`), in date order. */
export async function readVacations(db: Queryable): Promise<Vacation[]> {
  const rows = await db.all<{ academic_year: string; kind: Vacation['kind']; starts_on: string; ends_on: string }>(
    'SELECT academic_year, kind, starts_on, ends_on FROM academic_vacations ORDER BY starts_on',
  );
  return rows.map((r) => ({ academicYear: r.academic_year, kind: r.kind, from: r.starts_on, to: r.ends_on }));
}

/** Replaces every vacation, in the caller's transaction. */
export async function replaceVacations(tx: Queryable, vacations: readonly Vacation[]): Promise<void> {
  await tx.run('DELETE FROM academic_vacations');
  for (const v of vacations) {
    await tx.run('INSERT INTO academic_vacations (academic_year, kind, starts_on, ends_on) VALUES (?,?,?,?)', [v.academicYear, v.kind, v.from, v.to]);
  }
}
