/** Identity documents a jAccount holder may present, and how each number is checked. */
export const DOCUMENT_TYPES = [
  'prc_id', // 居民身份证 (GB 11643-1999)
  'passport',
  'hk_macao_permit', // 港澳居民来往内地通行证
  'taiwan_permit', // 台湾居民来往大陆通行证
  'foreign_permanent_id', // 外国人永久居留身份证
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export type DocumentProblem = 'format' | 'birth_date' | 'check_character';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** ISO 7064 MOD 11-2 check character over the first 17 digits (GB 11643-1999). */
export function mod11_2(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

function realDate(yyyymmdd: string, today: Date): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  return (
    y >= 1900 &&
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === m - 1 &&
    date.getUTCDate() === d &&
    date.getTime() <= today.getTime()
  );
}

/** Upper-cases and drops spaces and dashes, as numbers are read off cards. */
export function normalizeDocumentNumber(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}

/** Checks a normalized number; returns what is wrong, or null. */
export function documentProblem(type: DocumentType, number: string, today = new Date()): DocumentProblem | null {
  switch (type) {
    case 'prc_id':
      if (!/^[1-9]\d{16}[\dX]$/.test(number)) return 'format';
      if (!realDate(number.slice(6, 14), today)) return 'birth_date';
      return mod11_2(number) === number[17] ? null : 'check_character';
    case 'foreign_permanent_id':
      // 2023 edition: 18 characters starting with 9, MOD 11-2 like the resident ID; 2017 edition: 3 letters + 12 digits.
      if (/^9\d{16}[\dX]$/.test(number)) {
        if (!realDate(number.slice(6, 14), today)) return 'birth_date';
        return mod11_2(number) === number[17] ? null : 'check_character';
      }
      return /^[A-Z]{3}\d{12}$/.test(number) ? null : 'format';
    case 'passport':
      // ICAO 9303 document numbers: letters and digits; Chinese passports are E/G + 8 characters.
      return /^[A-Z0-9]{5,17}$/.test(number) && /\d/.test(number) ? null : 'format';
    case 'hk_macao_permit':
      return /^[HM]\d{8}(\d{2})?$/.test(number) ? null : 'format';
    case 'taiwan_permit':
      return /^\d{8}$|^\d{10}$/.test(number) ? null : 'format';
  }
}
