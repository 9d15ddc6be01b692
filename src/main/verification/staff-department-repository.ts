import type { Queryable } from '../store/database';

/** The departments (schools) a staff member reviews for (table `staff_departments`). */
export async function departmentsOf(db: Queryable, staffId: number): Promise<string[]> {
  const rows = await db.all<{ department: string }>('SELECT department FROM staff_departments WHERE staff_id = ? ORDER BY department', [
    staffId,
  ]);
  return rows.map((r) => r.department);
}

export async function departmentsByStaff(db: Queryable): Promise<Map<number, string[]>> {
  const rows = await db.all<{ staff_id: number; department: string }>('SELECT staff_id, department FROM staff_departments ORDER BY department');
  const map = new Map<number, string[]>();
  for (const r of rows) map.set(r.staff_id, [...(map.get(r.staff_id) ?? []), r.department]);
  return map;
}

/** Replaces a staff member's departments in the caller's transaction. */
export async function setDepartments(tx: Queryable, staffId: number, departments: readonly string[]): Promise<void> {
  await tx.run('DELETE FROM staff_departments WHERE staff_id = ?', [staffId]);
  for (const d of new Set(departments)) await tx.run('INSERT INTO staff_departments (staff_id, department) VALUES (?, ?)', [staffId, d]);
}
