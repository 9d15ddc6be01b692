import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { certificateDer } from '../../src/main/keys/certificate';
import { type KeyMaterial, generateKeyMaterial } from '../../src/main/keys/key-material';
import forge from 'node-forge';
import { type BackupEntry, BackupPasswordError, buildPkcs12, readPkcs12 } from '../../src/main/keys/pkcs12';

const NOW = new Date('2026-11-23T02:00:00.000Z');
const PASSWORD = 'Backup passphrase 2026';

function entryOf(key: KeyMaterial, state: string, withKey = true): BackupEntry {
  return {
    kid: key.kid,
    certificateDer: certificateDer(key.certificatePem),
    privateKeyDer: withKey ? key.privateKey.export({ type: 'pkcs8', format: 'der' }) : null,
    record: { state, createdAt: NOW.toISOString(), revocationReason: state === 'revoked' ? '私钥泄露' : null },
  };
}

function openssl(): string | null {
  try {
    return execFileSync('openssl', ['version'], { encoding: 'utf8' });
  } catch {
    return null;
  }
}

let rsa: KeyMaterial;
let ed: KeyMaterial;
let revoked: KeyMaterial;
beforeAll(async () => {
  [rsa, ed, revoked] = await Promise.all([
    generateKeyMaterial({ alg: 'RS256', size: 2048 }, NOW),
    generateKeyMaterial({ alg: 'EdDSA' }, NOW),
    generateKeyMaterial({ alg: 'RS256', size: 2048 }, NOW),
  ]);
});

describe('the PKCS#12 key backup', () => {
  it('round-trips RSA and Ed25519 keys with their certificates, kids and recorded states', () => {
    const entries = [entryOf(rsa, 'active'), entryOf(ed, 'next'), entryOf(revoked, 'revoked', false)];
    const back = readPkcs12(buildPkcs12(entries, PASSWORD), PASSWORD);
    expect(back.map((e) => [e.kid, e.record.state])).toEqual([
      [rsa.kid, 'active'],
      [ed.kid, 'next'],
      [revoked.kid, 'revoked'],
    ]);
    for (const [i, entry] of entries.entries()) {
      expect(back[i]!.certificateDer.equals(entry.certificateDer)).toBe(true);
      expect(back[i]!.privateKeyDer?.equals(entry.privateKeyDer!) ?? null).toBe(entry.privateKeyDer ? true : null);
    }
    expect(back[2]!.record.revocationReason).toBe('私钥泄露');
    // The restored Ed25519 key still signs what its certificate's key verifies.
    const restored = crypto.createPrivateKey({ key: back[1]!.privateKeyDer!, format: 'der', type: 'pkcs8' });
    const signature = crypto.sign(null, Buffer.from('x'), restored);
    expect(crypto.verify(null, Buffer.from('x'), new crypto.X509Certificate(back[1]!.certificateDer).publicKey, signature)).toBe(true);
  });

  it('refuses a wrong password, and keeps private keys out of the clear', () => {
    const file = buildPkcs12([entryOf(rsa, 'active'), entryOf(ed, 'active')], PASSWORD);
    expect(() => readPkcs12(file, 'Backup passphrase 2027')).toThrow(BackupPasswordError);
    for (const key of [rsa, ed]) {
      const der = key.privateKey.export({ type: 'pkcs8', format: 'der' });
      expect(file.includes(der)).toBe(false);
      expect(file.includes(der.subarray(-32))).toBe(false);
    }
  });

  it('takes passwords beyond ASCII', () => {
    const password = '密钥备份口令-二〇二六年';
    const back = readPkcs12(buildPkcs12([entryOf(ed, 'active')], password), password);
    expect(back[0]!.kid).toBe(ed.kid);
    expect(() => readPkcs12(buildPkcs12([entryOf(ed, 'active')], password), '密钥备份口令-二〇二七年')).toThrow(BackupPasswordError);
  });

  it('refuses what is not a backup', () => {
    expect(() => readPkcs12(Buffer.from('not a PKCS#12 file'), PASSWORD)).toThrow();
    const file = buildPkcs12([entryOf(ed, 'active')], PASSWORD);
    const tampered = Buffer.from(file);
    tampered[tampered.length - 60]! ^= 0xff;
    expect(() => readPkcs12(tampered, PASSWORD)).toThrow();
  });

  it('derives the MAC key with 100,000 iterations of SHA-256 over a 16-byte salt, as the key bags', () => {
    const pfx = forge.asn1.fromDer(forge.util.createBuffer(buildPkcs12([entryOf(ed, 'active')], PASSWORD).toString('binary')));
    const [digestInfo, salt, iterations] = (pfx.value as forge.asn1.Asn1[])[2]!.value as forge.asn1.Asn1[];
    const algorithm = ((digestInfo!.value as forge.asn1.Asn1[])[0]!.value as forge.asn1.Asn1[])[0]!;
    expect(forge.asn1.derToOid(algorithm.value as string)).toBe('2.16.840.1.101.3.4.2.1');
    expect((salt!.value as string).length).toBe(16);
    expect(forge.asn1.derToInteger(iterations!.value as string)).toBe(100_000);
  });

  // Skipped only where no `openssl` command exists (Debian images have it; CI installs nothing for it).
  it.skipIf(!openssl())('is read by OpenSSL with the same password, Chinese characters included (interoperability)', () => {
    const password = '密钥备份口令 2026';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keys-p12-'));
    const file = path.join(dir, 'backup.p12');
    fs.writeFileSync(file, buildPkcs12([entryOf(rsa, 'active'), entryOf(ed, 'next')], password));
    const read = spawnSync('openssl', ['pkcs12', '-in', file, '-passin', `pass:${password}`, '-nodes', '-info'], { encoding: 'utf8' });
    expect(read.status).toBe(0);
    const out = read.stdout;
    // OpenSSL tells the parameters on stderr: what the README and the notes quote.
    expect(read.stderr).toContain('MAC: sha256, Iteration 100000');
    expect(read.stderr).toContain('MAC length: 32, salt length: 16');
    expect(read.stderr).toContain('Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 100000, PRF hmacWithSHA256');
    expect(out).toContain(`friendlyName: ${rsa.kid}`);
    expect(out).toContain(`friendlyName: ${ed.kid}`);
    const pems = out.match(/-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/g) ?? [];
    expect(pems.map((p) => crypto.createPrivateKey(p).asymmetricKeyType).sort()).toEqual(['ed25519', 'rsa']);
    expect(() =>
      execFileSync('openssl', ['pkcs12', '-in', file, '-passin', 'pass:wrong password!', '-nodes', '-info'], { stdio: 'pipe' }),
    ).toThrow();
  });

  it.skipIf(!openssl())('reads a file whose MAC has fewer iterations (10,000, as the desk wrote before), by the count it carries', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keys-p12-'));
    const [key, cert, file] = ['key.pem', 'cert.pem', 'old.p12'].map((f) => path.join(dir, f));
    fs.writeFileSync(key!, ed.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    fs.writeFileSync(cert!, ed.certificatePem);
    execFileSync('openssl', ['pkcs12', '-export', '-inkey', key!, '-in', cert!, '-name', ed.kid, '-certpbe', 'NONE', '-iter', '10000',
      '-passout', `pass:${PASSWORD}`, '-out', file!], { stdio: 'pipe' });
    const info = spawnSync('openssl', ['pkcs12', '-in', file!, '-passin', `pass:${PASSWORD}`, '-info', '-noout'], { encoding: 'utf8' });
    expect(info.stderr).toContain('Iteration 10000');
    const [entry] = readPkcs12(fs.readFileSync(file!), PASSWORD);
    expect(entry!.kid).toBe(ed.kid);
    expect(entry!.privateKeyDer!.equals(ed.privateKey.export({ type: 'pkcs8', format: 'der' }))).toBe(true);
    expect(() => readPkcs12(fs.readFileSync(file!), 'Backup passphrase 2027')).toThrow(BackupPasswordError);
  });
});
