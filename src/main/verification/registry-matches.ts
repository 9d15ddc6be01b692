import type { RegistryMatch } from '../../shared/contract/verification';
import { nameKeys } from '../accounts/name-keys';
import type { ApplicationRow } from './application-repository';
import type { Repositories } from '../repositories';

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
export async function registryMatches(repos: Repositories, row: ApplicationRow): Promise<RegistryMatch[]> {
  if (row.kind !== 'alumni') return [];
  const byDocument = await repos.graduates.graduatesWithDocument(row.doc_index, 10);
  const byName = await repos.graduates.graduatesWithNameAndYears(registryNameKey(row.real_name), row.enrolled_year, row.graduated_year, 10);
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
