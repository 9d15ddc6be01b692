import crypto, { type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import forge from 'node-forge';
import { type KeyAlg, RSA_SIZES, type RsaSize } from '../../shared/signing-keys';
import type { DataKey } from '../crypto/data-key';
import { certificateDer, certificateFingerprint, selfSignedCertificate } from './certificate';
import { jwkThumbprint, publicJwk } from './jwk';

export type KeySpec = { alg: 'RS256'; size: RsaSize } | { alg: 'EdDSA' };

/** A signing key with everything the desk records about it. The private key stays in this process. */
export interface KeyMaterial {
  kid: string;
  alg: KeyAlg;
  /** RSA modulus bits; null for Ed25519. */
  size: number | null;
  curve: 'Ed25519' | null;
  privateKey: KeyObject;
  certificatePem: string;
  fingerprint: string;
}

/**
 * RSA through node-forge's generateKeyPair with a callback: under Node it hands the work to
 * crypto.generateKeyPair (native, off the event loop); forge's pure-JS prime search is ~100x
 * slower and would block. Returns PKCS#8 DER.
 */
function generateRsa(bits: RsaSize): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    forge.pki.rsa.generateKeyPair({ bits, e: 0x10001, workers: -1 }, (err, pair) => {
      if (err) return reject(err);
      const info = forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(pair.privateKey));
      resolve(Buffer.from(forge.asn1.toDer(info).getBytes(), 'binary'));
    });
  });
}

async function generateEd25519(): Promise<Buffer> {
  const { privateKey } = await promisify(crypto.generateKeyPair)('ed25519');
  return privateKey.export({ type: 'pkcs8', format: 'der' });
}

/** What kind of key this is, or null when the desk does not sign with such keys. */
export function describeKey(key: KeyObject): Pick<KeyMaterial, 'alg' | 'size' | 'curve'> | null {
  if (key.asymmetricKeyType === 'ed25519') return { alg: 'EdDSA', size: null, curve: 'Ed25519' };
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (key.asymmetricKeyType === 'rsa' && RSA_SIZES.includes(bits as RsaSize)) return { alg: 'RS256', size: bits!, curve: null };
  return null;
}

export function materialOf(privateKey: KeyObject, certificatePem: string): KeyMaterial {
  const kind = describeKey(privateKey);
  if (!kind) throw new Error('not an RSA 2048/3072 or Ed25519 key');
  return {
    ...kind,
    kid: jwkThumbprint(publicJwk(privateKey)),
    privateKey,
    certificatePem,
    fingerprint: certificateFingerprint(certificateDer(certificatePem)),
  };
}

export async function generateKeyMaterial(spec: KeySpec, now: Date): Promise<KeyMaterial> {
  const pkcs8 = spec.alg === 'RS256' ? await generateRsa(spec.size) : await generateEd25519();
  const privateKey = crypto.createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  const kid = jwkThumbprint(publicJwk(privateKey));
  return materialOf(privateKey, selfSignedCertificate({ alg: spec.alg, privateKey, kid, now }));
}

/** Binds the sealed key to its kid: a sealed value moved to another row does not open. */
const sealContext = (kid: string) => `signing_keys.private_key:${kid}`;

/** PKCS#8 DER sealed (AES-256-GCM) under the data key; private material is never stored in clear. */
export function sealPrivateKey(dataKey: DataKey, kid: string, key: KeyObject): string {
  return dataKey.seal(key.export({ type: 'pkcs8', format: 'der' }).toString('base64'), sealContext(kid));
}

export function openPrivateKey(dataKey: DataKey, kid: string, sealed: string): KeyObject {
  const der = Buffer.from(dataKey.open(sealed, sealContext(kid)), 'base64');
  return crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}
