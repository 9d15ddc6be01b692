import { describe, expect, it } from 'vitest';
import { nameKeys } from '../../src/main/accounts/name-keys';
import { SEED_DEPARTMENTS, type SeedAccount, generateAccounts, mulberry32 } from '../../src/main/accounts/seed-data';
import { ACCOUNT_CATEGORIES, ACCOUNT_STATUSES } from '../../src/shared/identity/account';
import { nameProblem, normalizeEmail, normalizeMobile } from '../../src/shared/identity/contacts';
import { documentProblem, normalizeDocumentNumber } from '../../src/shared/identity/documents';
import { usernameProblem } from '../../src/shared/identity/username';

const NOW = new Date('2026-11-23T02:00:00.000Z');
const N = 20_000;
const rows: SeedAccount[] = [...generateAccounts({ seed: 42, count: N, now: NOW })];

function duplicates(values: (string | null)[]): string[] {
  const seen = new Set<string>();
  const dup: string[] = [];
  for (const v of values) {
    if (v === null) continue;
    if (seen.has(v)) dup.push(v);
    seen.add(v);
  }
  return dup;
}

const share = (pred: (r: SeedAccount) => boolean) => rows.filter(pred).length / N;

describe('synthetic accounts', () => {
  it('are valid by the desk\'s own rules: documents, mobiles, emails, usernames, names, numbers', () => {
    const problems: string[] = [];
    const check = (ok: boolean, what: string) => void (ok || problems.push(what));
    for (const r of rows) {
      check(documentProblem(r.document.type, r.document.number, NOW) === null, `document ${r.document.type} ${r.document.number}`);
      check(normalizeDocumentNumber(r.document.number) === r.document.number, `document not normalized ${r.document.number}`);
      check(r.mobile === null || normalizeMobile(r.mobile) === r.mobile, `mobile ${r.mobile}`);
      check(r.email === null || normalizeEmail(r.email) === r.email, `email ${r.email}`);
      check(r.username === null || usernameProblem(r.username) === null, `username ${r.username}`);
      check(nameProblem(r.realName) === null, `name ${r.realName}`);
      check(/^[A-Z0-9]{4,20}$/.test(r.number ?? ''), `number ${r.number}`);
      check(ACCOUNT_CATEGORIES.includes(r.category) && ACCOUNT_STATUSES.includes(r.status), `category/status ${r.category} ${r.status}`);
      check(SEED_DEPARTMENTS.includes(r.department), `department ${r.department}`);
      check(new Date(r.createdAt) <= NOW && r.updatedAt >= r.createdAt, `dates ${r.createdAt} ${r.updatedAt}`);
    }
    expect(problems).toEqual([]);
  });

  it('give resident IDs real birth dates that fit the person', () => {
    const ids = rows.filter((r) => r.document.type === 'prc_id');
    expect(ids.length).toBeGreaterThan(N * 0.8);
    const misfits = ids.filter((r) => {
      const n = r.document.number;
      const age = (NOW.getTime() - Date.UTC(Number(n.slice(6, 10)), Number(n.slice(10, 12)) - 1, Number(n.slice(12, 14)))) / (365.25 * 86_400_000);
      return age < 16 || age >= 90 || (r.category === 'undergraduate' && age >= 25) || (r.category !== 'undergraduate' && age < 18);
    });
    expect(misfits.map((r) => `${r.category} ${r.document.number}`)).toEqual([]);
  });

  it('are unique wherever the store says so, and where a lookup needs them to be', () => {
    expect(duplicates(rows.map((r) => r.username))).toEqual([]);
    expect(duplicates(rows.map((r) => r.number))).toEqual([]);
    // The blind index is over the number alone, whatever the document type.
    expect(duplicates(rows.map((r) => r.document.number))).toEqual([]);
    expect(duplicates(rows.map((r) => r.mobile))).toEqual([]);
    expect(duplicates(rows.map((r) => r.email && r.email.toLowerCase()))).toEqual([]);
  });

  it('are the same for the same seed and differ for another', () => {
    const again = [...generateAccounts({ seed: 42, count: 2_000, now: NOW })];
    expect(again).toEqual(rows.slice(0, 2_000));
    const other = [...generateAccounts({ seed: 43, count: 2_000, now: NOW })];
    expect(other.filter((r, i) => r.realName === rows[i]!.realName).length).toBeLessThan(200);
    expect(mulberry32(7)()).toBe(mulberry32(7)());
  });

  it('look like the university: a realistic mix of people, schools, statuses and documents', () => {
    expect(share((r) => r.category === 'undergraduate')).toBeGreaterThan(0.25);
    expect(share((r) => r.category === 'alumni')).toBeGreaterThan(0.2);
    expect(share((r) => r.category === 'visiting')).toBeGreaterThan(0.01);
    expect(share((r) => r.syllables === null)).toBeGreaterThan(0.07);
    expect(share((r) => r.syllables === null)).toBeLessThan(0.14);
    expect(share((r) => r.status === 'active')).toBeGreaterThan(0.85);
    for (const s of ['pending', 'suspended', 'revoked'] as const) expect(share((r) => r.status === s), s).toBeGreaterThan(0.01);
    expect(share((r) => r.lockedUntil !== null && new Date(r.lockedUntil) > NOW)).toBeGreaterThan(0.005);
    expect(share((r) => r.failedAttempts > 0 && r.lockedUntil === null)).toBeGreaterThan(0.02);
    for (const t of ['passport', 'hk_macao_permit', 'taiwan_permit', 'foreign_permanent_id'] as const) {
      expect(share((r) => r.document.type === t), t).toBeGreaterThan(0.002);
    }
    expect(new Set(rows.map((r) => r.department)).size).toBeGreaterThan(30);
    expect(rows.some((r) => r.realName.startsWith('欧阳') || r.realName.startsWith('司马'))).toBe(true);
    expect(rows.some((r) => r.realName.includes('·'))).toBe(true);
    // Pending accounts have no username yet: the person chooses it on activation.
    expect(rows.every((r) => (r.status === 'pending') === (r.username === null))).toBe(true);
    expect(rows.every((r) => r.failedSignIns === null || r.failedSignIns.length === r.failedAttempts)).toBe(true);
    // Student numbers start with the year of entry; staff numbers are shorter.
    const student = rows.find((r) => r.category === 'undergraduate')!;
    expect(student.number).toMatch(/^20\d{10}$/);
    expect(rows.find((r) => r.category === 'faculty')!.number).toMatch(/^1\d{6}$/);
  });

  it('read names as pinyin-pro does, so the desk finds them by the pinyin people type', () => {
    const chinese = rows.filter((r) => r.syllables && !r.realName.includes('·')).slice(0, 3_000);
    const differ = chinese.filter((r) => nameKeys(r.realName, r.syllables!).join('|') !== nameKeys(r.realName).join('|'));
    expect(differ.map((r) => `${r.realName} ${r.syllables!.join(' ')}`)).toEqual([]);
    const dotted = rows.find((r) => r.realName.includes('·'))!;
    expect(dotted.syllables!.length).toBe([...dotted.realName.replace('·', '')].length);
  });
});
