import { ACCOUNT_CATEGORIES, type AccountCategory } from '../identity/account';
import { base32Decode, base32Encode } from './base32';
import { base64urlToBytes, concatBytes, utf8 } from './bytes';

/**
 * An identity code, version 1: `JAC1:` then base32 (no padding) of
 *
 *   u8   version (1)
 *   8    kid hint: the first 8 bytes of the signing key's kid (its RFC 7638 thumbprint)
 *   u32  iat, u32 exp (Unix seconds, big-endian)
 *   u8   category (index in ACCOUNT_CATEGORIES)
 *   u8+  username (length, UTF-8), u8+ display name (length, UTF-8)
 *   64   Ed25519 signature over SIGNING_CONTEXT || the bytes above
 *
 * A typical code is 100 bytes, 165 characters: a version 7 QR code at error correction M;
 * the largest (a 40-character username, a name cut to 24 bytes) 242 characters, version 9.
 */
export const CODE_PREFIX = 'JAC1:';
export const CODE_VERSION = 1;
export const KID_HINT_BYTES = 8;
export const SIGNATURE_BYTES = 64;
/** Names longer than this (in UTF-8 bytes) are shortened on a character boundary, so the code stays small. */
export const MAX_NAME_BYTES = 24;
export const MAX_USERNAME_BYTES = 40;
/** Domain separation: a code's signature can never be mistaken for one over anything else the key signs. */
const SIGNING_CONTEXT = utf8('jAccount identity code\0');

export interface IdentityCodeClaims {
  sub: string;
  name: string;
  category: AccountCategory;
  iat: number;
  exp: number;
}

export interface DecodedCode {
  claims: IdentityCodeClaims;
  kidHint: Uint8Array;
  /** What the signature covers. */
  signed: Uint8Array<ArrayBuffer>;
  signature: Uint8Array<ArrayBuffer>;
}

export function looksLikeIdentityCode(text: string): boolean {
  return text.trim().toUpperCase().startsWith(CODE_PREFIX);
}

/** Cuts a UTF-8 text to at most `max` bytes without splitting a character. */
export function fitUtf8(text: string, max: number): string {
  let out = '';
  let size = 0;
  for (const ch of text) {
    const n = utf8(ch).length;
    if (size + n > max) break;
    out += ch;
    size += n;
  }
  return out;
}

export function kidHint(kid: string): Uint8Array {
  const bytes = base64urlToBytes(kid);
  if (!bytes || bytes.length < KID_HINT_BYTES) throw new Error(`kid ${kid} is not a base64url thumbprint`);
  return bytes.slice(0, KID_HINT_BYTES);
}

function u32(n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new Error(`time ${n} does not fit the code`);
  return new Uint8Array([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
}

function counted(text: string, max: number, what: string): Uint8Array {
  const bytes = utf8(text);
  if (bytes.length === 0 || bytes.length > max) throw new Error(`${what} must be 1 to ${max} UTF-8 bytes`);
  return concatBytes(new Uint8Array([bytes.length]), bytes);
}

/** The bytes the issuer signs. */
export function codeBody(claims: IdentityCodeClaims, kid: string): Uint8Array<ArrayBuffer> {
  const category = ACCOUNT_CATEGORIES.indexOf(claims.category);
  if (category < 0) throw new Error(`category ${claims.category} is not one of ${ACCOUNT_CATEGORIES.join(', ')}`);
  if (claims.exp <= claims.iat) throw new Error('exp must be after iat');
  return concatBytes(
    new Uint8Array([CODE_VERSION]),
    kidHint(kid),
    u32(claims.iat),
    u32(claims.exp),
    new Uint8Array([category]),
    counted(claims.sub, MAX_USERNAME_BYTES, 'sub'),
    counted(fitUtf8(claims.name, MAX_NAME_BYTES) || '-', MAX_NAME_BYTES, 'name'),
  );
}

export function signingInput(body: Uint8Array): Uint8Array<ArrayBuffer> {
  return concatBytes(SIGNING_CONTEXT, body);
}

/** The issuer's side: `sign` holds the private key (in the main process), this only lays out the bytes. */
export async function encodeIdentityCode(
  claims: IdentityCodeClaims,
  kid: string,
  sign: (data: Uint8Array) => Promise<Uint8Array> | Uint8Array,
): Promise<string> {
  const body = codeBody(claims, kid);
  const signature = await sign(signingInput(body));
  if (signature.length !== SIGNATURE_BYTES) throw new Error('an identity code is signed with Ed25519 (64-byte signatures)');
  return CODE_PREFIX + base32Encode(concatBytes(body, signature));
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The code's parts, or null when the text is not a well-formed version 1 code (its signature is not checked here). */
export function decodeIdentityCode(text: string): DecodedCode | null {
  const trimmed = text.trim();
  if (!looksLikeIdentityCode(trimmed)) return null;
  const bytes = base32Decode(trimmed.slice(CODE_PREFIX.length));
  if (!bytes || bytes.length < 1 + KID_HINT_BYTES + 8 + 1 + 2 + 2 + SIGNATURE_BYTES || bytes[0] !== CODE_VERSION) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 1 + KID_HINT_BYTES;
  const iat = view.getUint32(at);
  const exp = view.getUint32(at + 4);
  at += 8;
  const category = ACCOUNT_CATEGORIES[bytes[at++]!];
  const texts: string[] = [];
  try {
    for (let i = 0; i < 2; i++) {
      const length = bytes[at++]!;
      if (length === 0 || at + length > bytes.length - SIGNATURE_BYTES) return null;
      texts.push(decoder.decode(bytes.subarray(at, at + length)));
      at += length;
    }
  } catch {
    return null;
  }
  if (!category || at !== bytes.length - SIGNATURE_BYTES || exp <= iat) return null;
  return {
    claims: { sub: texts[0]!, name: texts[1]!, category, iat, exp },
    kidHint: bytes.slice(1, 1 + KID_HINT_BYTES),
    signed: signingInput(bytes.subarray(0, at)),
    signature: bytes.slice(at),
  };
}
