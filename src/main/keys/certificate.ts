import crypto, { type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import type { KeyAlg } from '../../shared/signing-keys';
import { type Asn1, bytesOf, children, explicit, fromDer, int, nul, octets, oid, seq, time, toDer } from './asn1';

const OIDS = {
  sha256WithRSAEncryption: '1.2.840.113549.1.1.11',
  ed25519: '1.3.101.112',
  subjectKeyIdentifier: '2.5.29.14',
} as const;

/** Long enough to cover any key's life: active until rotated, then retired for the verify window. */
export const CERTIFICATE_VALIDITY_YEARS = 10;
/** Tolerates relying parties whose clocks run a little behind. */
const NOT_BEFORE_SKEW_MS = 5 * 60_000;

type ExtensionsToAsn1 = (exts: unknown[]) => Asn1;

/** RFC 8410: Ed25519 takes no parameters; RFC 4055: sha256WithRSAEncryption takes NULL. */
function signatureAlgorithm(alg: KeyAlg): Asn1 {
  return alg === 'EdDSA' ? seq([oid(OIDS.ed25519)]) : seq([oid(OIDS.sha256WithRSAEncryption), nul()]);
}

/** Positive, 16 random bytes, minimally encoded (RFC 5280 allows up to 20 octets). */
function serialNumber(): Asn1 {
  const bytes = crypto.randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x40;
  return forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.INTEGER, false, bytes.toString('binary'));
}

/**
 * Subject (and issuer) of a key's certificate. The CN names the kid; it stays within
 * X.520's 64-character limit, so the desk's name goes in O.
 */
function distinguishedName(kid: string): Asn1 {
  const cert = forge.pki.createCertificate();
  cert.setSubject([
    { name: 'organizationName', value: 'jAccount Service Desk', valueTagClass: forge.asn1.Type.UTF8 as never },
    { name: 'commonName', value: `jAccount signing key ${kid}`, valueTagClass: forge.asn1.Type.UTF8 as never },
  ]);
  return forge.pki.distinguishedNameToAsn1(cert.subject);
}

function extensions(spki: Asn1): Asn1 {
  // RFC 5280 4.2.1.2, method (1): SHA-1 of the subjectPublicKey BIT STRING's value.
  const keyBits = bytesOf(children(spki, 'SubjectPublicKeyInfo')[1], 'subjectPublicKey').subarray(1);
  const ski = crypto.createHash('sha1').update(keyBits).digest();
  const cert = forge.pki.createCertificate();
  cert.setExtensions([
    { name: 'basicConstraints', critical: true, cA: false },
    { name: 'keyUsage', critical: true, digitalSignature: true },
    { id: OIDS.subjectKeyIdentifier, value: octets(ski) },
  ]);
  return (forge.pki as unknown as { certificateExtensionsToAsn1: ExtensionsToAsn1 }).certificateExtensionsToAsn1(cert.extensions);
}

/**
 * A self-signed X.509 v3 certificate for a signing key, published as its x5c. The
 * TBSCertificate is built with node-forge's ASN.1 (forge's certificate API is RSA-only) and
 * signed natively: RSASSA-PKCS1-v1_5 with SHA-256, or Ed25519.
 */
export function selfSignedCertificate(input: { alg: KeyAlg; privateKey: KeyObject; kid: string; now: Date }): string {
  const spki = fromDer(crypto.createPublicKey(input.privateKey).export({ type: 'spki', format: 'der' }));
  const name = distinguishedName(input.kid);
  const notBefore = new Date(Math.floor((input.now.getTime() - NOT_BEFORE_SKEW_MS) / 1000) * 1000);
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + CERTIFICATE_VALIDITY_YEARS);
  const tbs = seq([
    explicit(0, int(2)),
    serialNumber(),
    signatureAlgorithm(input.alg),
    name,
    seq([time(notBefore), time(notAfter)]),
    name,
    spki,
    extensions(spki),
  ]);
  const signature = crypto.sign(input.alg === 'EdDSA' ? null : 'sha256', toDer(tbs), input.privateKey);
  const certificate = seq([
    tbs,
    signatureAlgorithm(input.alg),
    forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.BITSTRING, false, `\u0000${signature.toString('binary')}`),
  ]);
  return new crypto.X509Certificate(toDer(certificate)).toString();
}

export function certificateDer(pem: string): Buffer {
  return new crypto.X509Certificate(pem).raw;
}

/** SHA-256 over the certificate's DER, as colon-separated upper-case hex (as OpenSSL shows it). */
export function certificateFingerprint(der: Buffer): string {
  return crypto.createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g)!.join(':');
}
