import QRCode from 'qrcode';
import type { IssuedCode } from '../../shared/contract/verify';
import { DeskError } from '../../shared/errors';
import type { AccountCategory } from '../../shared/identity/account';
import { encodeIdentityCode } from '../../shared/identity-code';
import type { KeyManager } from '../keys/key-manager';
import { activeEd25519 } from './desk-signer';
import type { Repositories } from '../repositories';

export interface CodeHolder {
  username: string;
  realName: string;
  category: AccountCategory;
}

/** The holder, if the account exists, has a username and is active (a lock is not a reason to refuse a code). */
export async function findCodeHolder(repos: Repositories, username: string): Promise<CodeHolder> {
  const row = await repos.accounts.findAccountByUsername(username);
  if (!row?.username) {
    throw new DeskError('NOT_FOUND', 'username: no account with this username', {
      fields: [{ path: 'username', reason: 'not_found', message: 'no account with this username' }],
    });
  }
  if (row.status !== 'active') {
    throw new DeskError('CONFLICT', `username: the account is ${row.status}; codes are issued to active accounts only`, {
      fields: [{ path: 'username', reason: `account_${row.status}`, message: `the account is ${row.status}` }],
      params: { reason: `account_${row.status}` },
    });
  }
  return { username: row.username, realName: row.real_name, category: row.category };
}

/** The QR symbol: alphanumeric mode (the code's text is upper-case base32), error correction M. */
export function qrSymbol(code: string) {
  return QRCode.create(code, { errorCorrectionLevel: 'M' });
}

export async function issueCode(keys: KeyManager, holder: CodeHolder, now: Date, ttlSeconds: number): Promise<IssuedCode> {
  const signer = await activeEd25519(keys);
  const iat = Math.floor(now.getTime() / 1000);
  const claims = { sub: holder.username, name: holder.realName, category: holder.category, iat, exp: iat + ttlSeconds };
  const code = await encodeIdentityCode(claims, signer.kid, (data) => signer.sign(data));
  return {
    code,
    username: holder.username,
    name: holder.realName,
    category: holder.category,
    kid: signer.kid,
    issuedAt: new Date(iat * 1000).toISOString(),
    expiresAt: new Date(claims.exp * 1000).toISOString(),
    qrDataUrl: await QRCode.toDataURL(code, { errorCorrectionLevel: 'M', margin: 4, scale: 5 }),
    qrVersion: qrSymbol(code).version,
  };
}
