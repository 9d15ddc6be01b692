/**
 * The field errors of backup passwords, free text and CSV imports, as the console words them:
 * every reason the desk can give has its sentence in English and in Simplified Chinese, looked up
 * as the console's describeField does (`reason.<field>.<reason>`, then `reason.<reason>`).
 */
import { describe, expect, it } from 'vitest';
import { checkBackupPassword } from '../../src/main/backup/backup-password';
import { checkKeyBackupPassword } from '../../src/main/keys/backup-files';
import { en } from '../../src/renderer/src/i18n/en';
import { zhCN } from '../../src/renderer/src/i18n/zh-CN';
import { STORE_BACKUP_PASSWORD_MIN } from '../../src/shared/contract/backup';
import { DeskError, type FieldIssue } from '../../src/shared/errors';

type Dictionary = Record<string, string>;

function describeField(issue: Pick<FieldIssue, 'path' | 'reason' | 'params'>, dictionary: Dictionary): string | undefined {
  const template = dictionary[`reason.${issue.path}.${issue.reason}`] ?? dictionary[`reason.${issue.reason}`];
  return template?.replace(/\{(\w+)\}/g, (_m, name: string) => String(issue.params?.[name] ?? `{${name}}`));
}

function refusal(check: () => void): FieldIssue {
  try {
    check();
  } catch (err) {
    if (err instanceof DeskError && err.fields?.[0]) return err.fields[0];
    throw err;
  }
  throw new Error('the check passed');
}

describe('console messages for the new field errors', () => {
  it.each([
    ['a short store backup password', () => checkBackupPassword('闵行备份 2026', STORE_BACKUP_PASSWORD_MIN), /16/, /16/],
    ['a short key backup password', () => checkKeyBackupPassword('密钥备份2026'), /12/, /12/],
    ['a common one', () => checkBackupPassword('password-for-backups', STORE_BACKUP_PASSWORD_MIN), /common/, /常见/],
    ['a repetitive one', () => checkBackupPassword('a'.repeat(16), STORE_BACKUP_PASSWORD_MIN), /different characters/, /不同字符/],
  ])('words %s in both languages', (_what, check, english, chinese) => {
    const issue = refusal(check);
    expect(issue.path).toBe('password');
    expect(describeField(issue, en)).toMatch(english);
    expect(describeField(issue, zhCN)).toMatch(chinese);
  });

  it.each(['control_character', 'bidi_control', 'unpaired_surrogate', 'invisible_character', 'quote_not_closed', 'csv_syntax'])(
    'words %s for any field, in both languages',
    (reason) => {
      for (const path of ['school', 'major', 'realName', 'note', 'file']) {
        expect(describeField({ path, reason }, en)).toBeTruthy();
        expect(describeField({ path, reason }, zhCN)).toMatch(/[\u4e00-\u9fff]/);
      }
    },
  );

  it('names the file and the registry columns in an import report', () => {
    for (const field of ['file', 'studentNumber', 'school', 'major', 'enrolledYear', 'graduatedYear', 'degree']) {
      expect((en as Dictionary)[`accounts.field.${field}`]).toBeTruthy();
      expect((zhCN as Dictionary)[`accounts.field.${field}`]).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
