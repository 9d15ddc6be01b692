import type { Degree } from '../../shared/verification/terms';
import type { Queryable } from '../store/database';

/** The registrar's graduate list (table `graduate_registry`): documents only as blind index and mask. */
export interface GraduateRow {
  id: number;
  student_number: string;
  real_name: string;
  name_key: string;
  doc_type: string;
  doc_index: string;
  doc_masked: string;
  school: string;
  enrolled_year: number;
  graduated_year: number;
  degree: Degree;
  major: string;
}

export type GraduateFields = Omit<GraduateRow, 'id' | 'student_number'>;

export function findGraduate(db: Queryable, studentNumber: string) {
  return db.get<GraduateRow>('SELECT * FROM graduate_registry WHERE student_number = ?', [studentNumber]);
}

/** Inserts the graduate, or updates the one with the same student number. */
export async function saveGraduate(tx: Queryable, studentNumber: string, values: GraduateFields, now: Date): Promise<void> {
  const names = Object.keys(values);
  await tx.run(
    `INSERT INTO graduate_registry (student_number, ${names.join(', ')}, updated_at) VALUES (?, ${names.map(() => '?').join(', ')}, ?)
     ON CONFLICT(student_number) DO UPDATE SET ${names.map((n) => `${n} = excluded.${n}`).join(', ')}, updated_at = excluded.updated_at`,
    [studentNumber, ...Object.values(values), now.toISOString()],
  );
}

export function graduatesWithDocument(db: Queryable, docIndex: string, limit: number) {
  return db.all<GraduateRow>('SELECT * FROM graduate_registry WHERE doc_index = ? LIMIT ?', [docIndex, limit]);
}

/** Graduates of this name key who enrolled and graduated in these years. */
export function graduatesWithNameAndYears(db: Queryable, nameKey: string, enrolledYear: number | null, graduatedYear: number | null, limit: number) {
  return db.all<GraduateRow>('SELECT * FROM graduate_registry WHERE name_key = ? AND enrolled_year = ? AND graduated_year = ? LIMIT ?', [
    nameKey,
    enrolledYear,
    graduatedYear,
    limit,
  ]);
}
