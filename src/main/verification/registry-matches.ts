import type { RegistryMatch } from '../../shared/contract/verification';
import type { Degree } from '../../shared/verification/terms';
import { nameKeys } from '../accounts/name-keys';
import type { Queryable } from '../store/database';
import type { ApplicationRow } from './application-repository';

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

/** One key per name that survives script and spacing: 张三 and "Zhang San" both give `zhangsan`. */
export function registryNameKey(realName: string): string {
  const keys = nameKeys(realName);
  return keys.find((k) => /^[a-z]+$/.test(k)) ?? keys[0] ?? '';
}

const compare = (a: string | number | null, b: string | number | null) =>
  a === null || b === null || a === '' || b === '' ? 'unknown' : String(a).trim().toLowerCase() === String(b).trim().toLowerCase() ? 'same' : 'different';

/**
 * Registry entries that may be this applicant: the same document (exact, through the blind
 * index), or the same name with the same years of enrollment and graduation. Each says which
 * fields agree with the application and which differ.
 */
export async function registryMatches(db: Queryable, row: ApplicationRow): Promise<RegistryMatch[]> {
  if (row.kind !== 'alumni') return [];
  const byDocument = await db.all<GraduateRow>('SELECT * FROM graduate_registry WHERE doc_index = ? LIMIT 10', [row.doc_index]);
  const byName = await db.all<GraduateRow>(
    'SELECT * FROM graduate_registry WHERE name_key = ? AND enrolled_year = ? AND graduated_year = ? LIMIT 10',
    [registryNameKey(row.real_name), row.enrolled_year, row.graduated_year],
  );
  const seen = new Set<number>();
  const appKey = registryNameKey(row.real_name);
  return [...byDocument.map((g) => ({ g, by: 'document' as const })), ...byName.map((g) => ({ g, by: 'name_years' as const }))]
    .filter(({ g }) => !seen.has(g.id) && seen.add(g.id))
    .map(({ g, by }) => ({
      by,
      studentNumber: g.student_number,
      realName: g.real_name,
      documentMasked: g.doc_masked,
      school: g.school,
      enrolledYear: g.enrolled_year,
      graduatedYear: g.graduated_year,
      degree: g.degree,
      major: g.major,
      fields: {
        name: g.real_name === row.real_name || g.name_key === appKey ? 'same' : 'different',
        document: g.doc_index === row.doc_index ? 'same' : 'different',
        school: compare(g.school, row.school),
        enrolledYear: compare(g.enrolled_year, row.enrolled_year),
        graduatedYear: compare(g.graduated_year, row.graduated_year),
        degree: compare(g.degree, row.degree),
        major: compare(g.major, row.major),
      },
    }));
}
