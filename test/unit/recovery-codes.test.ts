import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RecoveryCodeHasher, type RecoveryCodeRow, counterCode, selfResetCode } from '../../src/main/recovery/recovery-codes';

const row = (hasher: RecoveryCodeHasher, accountId: number, code: string) => ({ account_id: accountId, code_hash: hasher.hash(accountId, code) }) as RecoveryCodeRow;

describe('recovery codes', () => {
  it('are six digits for a message, twelve characters for the counter slip', () => {
    const self = new Set(Array.from({ length: 200 }, selfResetCode));
    for (const code of self) expect(code).toMatch(/^\d{6}$/);
    expect(self.size).toBeGreaterThan(190);
    expect(counterCode()).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
  });

  it('are kept as a keyed hash bound to the account: another key or account does not match', () => {
    const key = crypto.randomBytes(32);
    const hasher = new RecoveryCodeHasher(key);
    const stored = row(hasher, 7, 'ABCD-EFGH-JKLM');
    expect(stored.code_hash).not.toContain('ABCD');
    expect(hasher.matches(stored, 'abcd efgh jklm')).toBe(true);
    expect(hasher.matches(stored, 'ABCD-EFGH-JKLN')).toBe(false);
    expect(hasher.matches({ ...stored, account_id: 8 }, 'ABCD-EFGH-JKLM')).toBe(false);
    expect(new RecoveryCodeHasher(crypto.randomBytes(32)).matches(stored, 'ABCD-EFGH-JKLM')).toBe(false);
    // Without the key, the stored value is not the plain SHA-256 of the code an offline guesser would try.
    expect(stored.code_hash).not.toBe(crypto.createHash('sha256').update('ABCDEFGHJKLM').digest('base64url'));
  });
});
