import crypto from 'node:crypto';
import forge from 'node-forge';
import { OWASP_KDF } from '../crypto/kdf-costs';
import {
  type Asn1,
  Type,
  bmp,
  bytesOf,
  children,
  explicit,
  fromDer,
  int,
  intOf,
  nul,
  octets,
  oid,
  oidOf,
  seq,
  set,
  toDer,
  utf8,
} from './asn1';

/**
 * Password-protected PKCS#12 (RFC 7292) holding several keys, built with node-forge's ASN.1,
 * PBES2 and PKCS#12 key derivation. forge's own toPkcs12Asn1 takes one RSA key; this takes
 * any PKCS#8 key (RSA and Ed25519) and several of them.
 *
 * - each private key: a pkcs8ShroudedKeyBag, PBES2 with PBKDF2-HMAC-SHA-256 and AES-256-CBC;
 * - each certificate: a certBag (public data, not encrypted);
 * - integrity: HMAC-SHA-256 under the PKCS#12 MAC key derivation (as OpenSSL 3 writes it).
 * Bags carry the kid as friendlyName, a localKeyId pairing key and certificate, and the key's
 * recorded state and dates as a desk attribute. OpenSSL reads the result (`openssl pkcs12 -info`).
 */

const OIDS = {
  data: '1.2.840.113549.1.7.1',
  certBag: '1.2.840.113549.1.12.10.1.3',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  friendlyName: '1.2.840.113549.1.9.20',
  localKeyId: '1.2.840.113549.1.9.21',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha1: '1.3.14.3.2.26',
  /** The desk's own bag attribute (a UUID OID, X.667): the key's state and dates as JSON. */
  deskKeyRecord: '2.25.20788391964639876442160551086434984208',
} as const;

/**
 * Iterations of PBKDF2 for the key bags (forge computes them in JavaScript: ~0.5 s per key) and
 * of the PKCS#12 MAC key derivation (RFC 7292 B.2 with SHA-256, ~0.3 s), as many for both: the
 * MAC is the first thing a password guess is tried against. Production's is OWASP_KDF's
 * 100,000; backups written with fewer (the desk wrote 10,000 before) are read by the count
 * they carry.
 */
const SALT_BYTES = 16;

export interface BackupEntry {
  kid: string;
  certificateDer: Buffer;
  /** PKCS#8 DER; null for a key whose private part was wiped (revoked). */
  privateKeyDer: Buffer | null;
  /** The key's recorded state and dates, as the desk wrote them. */
  record: Record<string, unknown>;
}

export class BackupPasswordError extends Error {
  constructor() {
    super('the backup password is not correct');
    this.name = 'BackupPasswordError';
  }
}

function attribute(type: string, value: Asn1): Asn1 {
  return seq([oid(type), set([value])]);
}

function bag(type: string, value: Asn1, attributes: Asn1[]): Asn1 {
  return seq([oid(type), explicit(0, value), set(attributes)]);
}

/** ContentInfo of type data around SafeContents. */
function dataContent(bags: Asn1[]): Asn1 {
  return seq([oid(OIDS.data), explicit(0, octets(toDer(seq(bags))))]);
}

function macKey(password: string, salt: Buffer, iterations: number, digest: 'sha256' | 'sha1'): Buffer {
  const md = digest === 'sha256' ? forge.md.sha256.create() : forge.md.sha1.create();
  // forge encodes the password as the BMPString RFC 7292 (appendix B.1) asks for.
  const key = forge.pkcs12.generateKey(password, forge.util.createBuffer(salt.toString('binary')), 3, iterations, md.digestLength, md);
  return Buffer.from(key.getBytes(), 'binary');
}

/** PBES2 keys from the password's UTF-8 bytes, as OpenSSL does. */
const pbes2Password = (password: string) => forge.util.encodeUtf8(password);

export function buildPkcs12(entries: readonly BackupEntry[], password: string, iterations: number = OWASP_KDF.pkcs12Iterations): Buffer {
  const certBags: Asn1[] = [];
  const keyBags: Asn1[] = [];
  for (const entry of entries) {
    const localKeyId = crypto.createHash('sha1').update(entry.certificateDer).digest();
    const attributes = [attribute(OIDS.friendlyName, bmp(entry.kid)), attribute(OIDS.localKeyId, octets(localKeyId))];
    certBags.push(
      bag(OIDS.certBag, seq([oid(OIDS.x509Certificate), explicit(0, octets(entry.certificateDer))]), [
        ...attributes,
        attribute(OIDS.deskKeyRecord, utf8(JSON.stringify(entry.record))),
      ]),
    );
    if (entry.privateKeyDer) {
      const shrouded = forge.pki.encryptPrivateKeyInfo(fromDer(entry.privateKeyDer), pbes2Password(password), {
        algorithm: 'aes256',
        prfAlgorithm: 'sha256',
        count: iterations,
        saltSize: SALT_BYTES,
      });
      keyBags.push(bag(OIDS.shroudedKeyBag, shrouded, attributes));
    }
  }
  const authSafe = toDer(seq([dataContent(certBags), dataContent(keyBags)]));
  const salt = crypto.randomBytes(SALT_BYTES);
  const mac = crypto.createHmac('sha256', macKey(password, salt, iterations, 'sha256')).update(authSafe).digest();
  const pfx = seq([
    int(3),
    seq([oid(OIDS.data), explicit(0, octets(authSafe))]),
    seq([seq([seq([oid(OIDS.sha256), nul()]), octets(mac)]), octets(salt), int(iterations)]),
  ]);
  return toDer(pfx);
}

/** The OCTET STRING inside a ContentInfo of type data (BER may split it in constructed chunks). */
function dataOf(contentInfo: Asn1, what: string): Buffer {
  const [type, content] = children(contentInfo, what);
  if (oidOf(type, `${what}.contentType`) !== OIDS.data) throw new Error(`${what}: only unencrypted data content is read`);
  const inner = children(content, `${what}.content`)[0];
  if (inner && Array.isArray(inner.value)) return Buffer.concat(inner.value.map((chunk) => bytesOf(chunk, what)));
  return bytesOf(inner, what);
}

function verifyMac(authSafe: Buffer, macData: Asn1 | undefined, password: string) {
  if (!macData) throw new Error('the file has no integrity check (MAC)');
  const [digestInfo, saltNode, iterNode] = children(macData, 'MacData');
  const [algorithm, digestNode] = children(digestInfo, 'MacData.mac');
  const digestOid = oidOf(children(algorithm, 'MacData.mac.digestAlgorithm')[0], 'MacData.mac.digestAlgorithm');
  const digest = digestOid === OIDS.sha256 ? 'sha256' : digestOid === OIDS.sha1 ? 'sha1' : null;
  if (!digest) throw new Error(`unsupported MAC digest ${digestOid}`);
  const iterations = iterNode ? intOf(iterNode, 'MacData.iterations') : 1;
  if (iterations < 1 || iterations > 10_000_000) throw new Error('implausible MAC iteration count');
  const expected = crypto.createHmac(digest, macKey(password, bytesOf(saltNode, 'MacData.salt'), iterations, digest)).update(authSafe).digest();
  const given = bytesOf(digestNode, 'MacData.digest');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) throw new BackupPasswordError();
}

function attributesOf(node: Asn1 | undefined): Map<string, Asn1> {
  const found = new Map<string, Asn1>();
  if (!node) return found;
  for (const attr of children(node, 'bagAttributes')) {
    const [type, values] = children(attr, 'bagAttribute');
    const first = children(values, 'bagAttribute.values')[0];
    if (first) found.set(oidOf(type, 'bagAttribute.type'), first);
  }
  return found;
}

function text(node: Asn1 | undefined): string | null {
  if (!node || typeof node.value !== 'string') return null;
  return node.type === Type.UTF8 ? forge.util.decodeUtf8(node.value) : node.value;
}

/** Reads a backup written by buildPkcs12. Throws BackupPasswordError for a wrong password, Error for anything unreadable. */
export function readPkcs12(bytes: Buffer, password: string): BackupEntry[] {
  const [version, authSafeInfo, macData] = children(fromDer(bytes), 'PFX');
  if (intOf(version, 'PFX.version') !== 3) throw new Error('not a PKCS#12 version 3 file');
  const authSafe = dataOf(authSafeInfo!, 'PFX.authSafe');
  verifyMac(authSafe, macData, password);

  const byLocalId = new Map<string, BackupEntry>();
  const keys = new Map<string, Buffer>();
  for (const contentInfo of children(fromDer(authSafe), 'AuthenticatedSafe')) {
    for (const safeBag of children(fromDer(dataOf(contentInfo, 'AuthenticatedSafe.content')), 'SafeContents')) {
      const [typeNode, valueNode, attrNode] = children(safeBag, 'SafeBag');
      const type = oidOf(typeNode, 'SafeBag.bagId');
      const value = children(valueNode, 'SafeBag.bagValue')[0];
      const attributes = attributesOf(attrNode);
      const localId = bytesOf(attributes.get(OIDS.localKeyId), 'localKeyId').toString('hex');
      if (type === OIDS.certBag) {
        const [certType, certValue] = children(value, 'CertBag');
        if (oidOf(certType, 'CertBag.certId') !== OIDS.x509Certificate) throw new Error('only X.509 certificates are read');
        byLocalId.set(localId, {
          kid: text(attributes.get(OIDS.friendlyName)) ?? '',
          certificateDer: bytesOf(children(certValue, 'CertBag.certValue')[0], 'certificate'),
          privateKeyDer: null,
          record: JSON.parse(text(attributes.get(OIDS.deskKeyRecord)) ?? '{}') as Record<string, unknown>,
        });
      } else if (type === OIDS.shroudedKeyBag) {
        const info = forge.pki.decryptPrivateKeyInfo(value!, pbes2Password(password));
        if (!info) throw new BackupPasswordError();
        keys.set(localId, toDer(info));
      }
    }
  }
  for (const [localId, der] of keys) {
    const entry = byLocalId.get(localId);
    if (!entry) throw new Error('a private key without its certificate');
    entry.privateKeyDer = der;
  }
  return [...byLocalId.values()];
}
