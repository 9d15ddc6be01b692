import { describe, expect, it } from 'vitest';
import { nameProblem, normalizeEmail, normalizeMobile } from '../../src/shared/identity/contacts';
import { documentProblem, normalizeDocumentNumber } from '../../src/shared/identity/documents';
import { maskDocument, hiddenCheckLength, hiddenCheckSegment, maskEmail, maskMobile, maskUsername } from '../../src/shared/identity/masking';
import { usernameProblem } from '../../src/shared/identity/username';

const TODAY = new Date('2026-11-21T00:00:00Z');

describe('jAccount usernames', () => {
  it.each([
    ['zhangsan', null],
    ['z.san-2026_x', null],
    ['ZhangSan', null],
    ['zs', 'too_short'],
    ['a'.repeat(41), 'too_long'],
    ['2zhang', 'must_start_with_letter'],
    ['_zhang', 'must_start_with_letter'],
    ['zhang san', 'invalid_characters'],
    ['张三丰', 'must_start_with_letter'],
    ['zhang@sjtu', 'invalid_characters'],
  ])('%s -> %s', (name, problem) => {
    expect(usernameProblem(name)).toBe(problem);
  });
  it('accepts exactly 3 and 40 characters', () => {
    expect(usernameProblem('abc')).toBeNull();
    expect(usernameProblem(`a${'b'.repeat(39)}`)).toBeNull();
  });
});

describe('identity documents', () => {
  it.each([
    // The examples printed in GB 11643-1999 and its commentary.
    ['11010519491231002X', null],
    ['440524188001010014', 'birth_date'], // 1880 predates the accepted range
    ['110105194912310021', 'check_character'],
    ['110105194902300021', 'birth_date'], // 30 February
    ['110105203012310021', 'birth_date'], // in the future
    ['11010519491231002', 'format'],
    ['01010519491231002X', 'format'],
  ])('resident ID %s -> %s', (number, problem) => {
    expect(documentProblem('prc_id', number, TODAY)).toBe(problem);
  });

  it('checks the other documents by their formats', () => {
    expect(documentProblem('passport', 'E12345678', TODAY)).toBeNull();
    expect(documentProblem('passport', 'EA1234567', TODAY)).toBeNull();
    expect(documentProblem('passport', 'ABCDEFG', TODAY)).toBe('format');
    expect(documentProblem('hk_macao_permit', 'H12345678', TODAY)).toBeNull();
    expect(documentProblem('hk_macao_permit', 'M1234567890', TODAY)).toBeNull();
    expect(documentProblem('hk_macao_permit', 'K12345678', TODAY)).toBe('format');
    expect(documentProblem('taiwan_permit', '12345678', TODAY)).toBeNull();
    expect(documentProblem('taiwan_permit', '1234567', TODAY)).toBe('format');
    expect(documentProblem('foreign_permanent_id', 'USA330101123456', TODAY)).toBeNull();
    expect(documentProblem('foreign_permanent_id', '93101019900101001X', TODAY)).toBeNull();
    expect(documentProblem('foreign_permanent_id', '931010199001010011', TODAY)).toBe('check_character');
    expect(documentProblem('foreign_permanent_id', 'US330101123456', TODAY)).toBe('format');
  });

  it('normalizes what staff type off a card', () => {
    expect(normalizeDocumentNumber(' 110105 19491231 002x ')).toBe('11010519491231002X');
  });
});

describe('contacts and names', () => {
  it('reads mobiles as E.164, mainland by default', () => {
    expect(normalizeMobile('138 1234 5678')).toBe('+8613812345678');
    expect(normalizeMobile('+86 138-1234-5678')).toBe('+8613812345678');
    expect(normalizeMobile('008613812345678')).toBe('+8613812345678');
    expect(normalizeMobile('+447911123456')).toBe('+447911123456');
    expect(normalizeMobile('+8602112345678')).toBeNull();
    expect(normalizeMobile('12812345678')).toBeNull();
    expect(normalizeMobile('+0123')).toBeNull();
  });

  it('reads emails, lower-casing the domain only', () => {
    expect(normalizeEmail(' Zhang.San@Example.EDU.cn ')).toBe('Zhang.San@example.edu.cn');
    expect(normalizeEmail('no-at-sign.example.com')).toBeNull();
    expect(normalizeEmail('a@localhost')).toBeNull();
  });

  it('accepts Chinese and Latin real names', () => {
    expect(nameProblem('张三')).toBeNull();
    expect(nameProblem('迪丽热巴·迪力木拉提')).toBeNull();
    expect(nameProblem("Seán O'Brien-Smith")).toBeNull();
    expect(nameProblem('   ')).toBe('empty');
    expect(nameProblem('张 3')).toBe('script');
    expect(nameProblem('<script>')).toBe('script');
  });
});

describe('masking', () => {
  it('shows only what the counter needs', () => {
    expect(maskDocument('310101199001011234')).toBe('**************1234');
    expect(maskDocument('31010119900101123X')).toBe('**************123X');
    expect(maskMobile('+8613812341234')).toBe('*******1234');
    expect(maskMobile('+447911123456')).toBe('+44 ****3456');
    expect(maskEmail('zhangsan@example.edu.cn')).toBe('z***@example.edu.cn');
    expect(maskUsername('zhangsan3')).toBe('z***3');
    expect(maskDocument('E1234567')).toBe('****4567');
    expect(maskDocument('A12345')).toBe('*****5');
  });

  it('asks the identity check for exactly the characters a mask hides before its last ones', () => {
    // A resident ID card: the 6 before the last 4 are the birth date as YYMMDD.
    expect(hiddenCheckSegment('31010119900307123X')).toBe('900307');
    expect(hiddenCheckLength(maskDocument('31010119900307123X'))).toBe(6);
    // A passport of 9 characters: the 5 before the last 4.
    expect(hiddenCheckSegment('E13572468')).toBe('E1357');
    expect(hiddenCheckLength(maskDocument('E13572468'))).toBe(5);
    // Very short numbers show only their last character: all the others are asked for.
    expect(hiddenCheckSegment('A12345')).toBe('A1234');
    expect(hiddenCheckLength(maskDocument('A12345'))).toBe(5);
    for (const number of ['31010119900307123X', 'E13572468', 'H1234567890', 'ABC123456789012', 'A12345']) {
      const masked = maskDocument(number);
      const hidden = hiddenCheckSegment(number);
      expect(hidden).toHaveLength(hiddenCheckLength(masked));
      // What the mask shows never overlaps what the check asks.
      expect(masked.replace(/\*/g, '')).toBe(number.slice(number.length - masked.replace(/\*/g, '').length));
      expect(number.endsWith(hidden + masked.replace(/\*/g, ''))).toBe(true);
    }
  });
});
