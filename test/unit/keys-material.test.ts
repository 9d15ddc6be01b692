import crypto from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import forge from 'node-forge';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataKey } from '../../src/main/crypto/data-key';
import { certificateDer, certificateFingerprint } from '../../src/main/keys/certificate';
import { jwkThumbprint, publicJwk } from '../../src/main/keys/jwk';
import { generateKeyMaterial, openPrivateKey, sealPrivateKey } from '../../src/main/keys/key-material';

const NOW = new Date('2026-11-23T02:00:00.000Z');

afterEach(() => vi.restoreAllMocks());

describe('signing key generation', () => {
  it('generates RSA through node-forge on its native path (crypto.generateKeyPair), with a verifiable certificate', async () => {
    const native = vi.spyOn(crypto, 'generateKeyPair');
    const key = await generateKeyMaterial({ alg: 'RS256', size: 2048 }, NOW);
    expect(native).toHaveBeenCalledTimes(1);
    expect(native.mock.calls[0]![0]).toBe('rsa');
    expect(key).toMatchObject({ alg: 'RS256', size: 2048, curve: null });
    expect(key.privateKey.asymmetricKeyDetails?.modulusLength).toBe(2048);

    const cert = new crypto.X509Certificate(key.certificatePem);
    expect(cert.verify(crypto.createPublicKey(key.privateKey))).toBe(true);
    expect(cert.subject).toBe(`O=jAccount Service Desk\nCN=jAccount signing key ${key.kid}`);
    expect(cert.issuer).toBe(cert.subject);
    expect(cert.ca).toBe(false);
    expect(new Date(cert.validFrom).getTime()).toBeLessThanOrEqual(NOW.getTime());
    expect(new Date(cert.validTo).getUTCFullYear()).toBe(2036);

    // An independent reader (forge) parses the RSA certificate and checks its signature too.
    const parsed = forge.pki.certificateFromPem(key.certificatePem);
    expect(parsed.verify(parsed)).toBe(true);
    expect(parsed.getExtension('keyUsage')).toMatchObject({ critical: true, digitalSignature: true, keyCertSign: false });
    expect(parsed.getExtension('basicConstraints')).toMatchObject({ critical: true, cA: false });
    expect(parsed.signatureOid).toBe(forge.pki.oids.sha256WithRSAEncryption);
  });

  it('generates a 3072-bit RSA key when asked', async () => {
    const key = await generateKeyMaterial({ alg: 'RS256', size: 3072 }, NOW);
    expect(key.size).toBe(3072);
    expect(key.privateKey.asymmetricKeyDetails?.modulusLength).toBe(3072);
  });

  it('generates Ed25519 with a self-signed certificate (OID 1.3.101.112, no parameters) that verifies', async () => {
    const key = await generateKeyMaterial({ alg: 'EdDSA' }, NOW);
    expect(key).toMatchObject({ alg: 'EdDSA', size: null, curve: 'Ed25519' });
    const cert = new crypto.X509Certificate(key.certificatePem);
    expect(cert.publicKey.asymmetricKeyType).toBe('ed25519');
    expect(cert.verify(crypto.createPublicKey(key.privateKey))).toBe(true);
    expect(cert.verify(crypto.createPublicKey((await generateKeyMaterial({ alg: 'EdDSA' }, NOW)).privateKey))).toBe(false);
    // signatureAlgorithm: SEQUENCE { OID 1.3.101.112 } with no parameters (RFC 8410).
    const certificate = forge.asn1.fromDer(forge.util.createBuffer(cert.raw.toString('binary')));
    const algorithm = (certificate.value as forge.asn1.Asn1[])[1]!;
    expect((algorithm.value as forge.asn1.Asn1[]).length).toBe(1);
    expect(forge.asn1.derToOid((algorithm.value as forge.asn1.Asn1[])[0]!.value as string)).toBe('1.3.101.112');
  });

  it('names each key by its RFC 7638 thumbprint and fingerprints the certificate DER with SHA-256', async () => {
    for (const spec of [{ alg: 'RS256', size: 2048 }, { alg: 'EdDSA' }] as const) {
      const key = await generateKeyMaterial(spec, NOW);
      expect(key.kid).toBe(await calculateJwkThumbprint(crypto.createPublicKey(key.privateKey).export({ format: 'jwk' }) as never, 'sha256'));
      expect(key.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const cert = new crypto.X509Certificate(key.certificatePem);
      expect(key.fingerprint).toBe(cert.fingerprint256);
      expect(certificateFingerprint(certificateDer(key.certificatePem))).toBe(key.fingerprint);
    }
  });

  it('computes the thumbprint of RFC 7638 section 3.1', () => {
    const jwk = {
      kty: 'RSA',
      n: '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
      e: 'AQAB',
      alg: 'RS256',
      kid: '2011-04-29',
    };
    expect(jwkThumbprint(jwk)).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
  });

  it('seals the private key as PKCS#8 bound to its kid', async () => {
    const dataKey = DataKey.generate();
    const key = await generateKeyMaterial({ alg: 'EdDSA' }, NOW);
    const sealed = sealPrivateKey(dataKey, key.kid, key.privateKey);
    const pkcs8 = key.privateKey.export({ type: 'pkcs8', format: 'der' });
    expect(sealed).not.toContain(pkcs8.toString('base64'));
    expect(openPrivateKey(dataKey, key.kid, sealed).export({ type: 'pkcs8', format: 'der' }).equals(pkcs8)).toBe(true);
    expect(() => openPrivateKey(dataKey, 'another-kid', sealed)).toThrow();
    expect(() => openPrivateKey(DataKey.generate(), key.kid, sealed)).toThrow();
    expect(publicJwk(key.privateKey)).not.toHaveProperty('d');
  });
});
