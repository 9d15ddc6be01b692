import forge from 'node-forge';

/** Small helpers over node-forge's ASN.1 (DER) for the certificates and the PKCS#12 backup. */
const { asn1 } = forge;
export type Asn1 = forge.asn1.Asn1;
export const { Class, Type } = asn1;

export const seq = (items: Asn1[]) => asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, items);
export const set = (items: Asn1[]) => asn1.create(Class.UNIVERSAL, Type.SET, true, items);
export const oid = (dotted: string) => asn1.create(Class.UNIVERSAL, Type.OID, false, encodeOid(dotted));
export const nul = () => asn1.create(Class.UNIVERSAL, Type.NULL, false, '');
export const int = (n: number) => asn1.create(Class.UNIVERSAL, Type.INTEGER, false, asn1.integerToDer(n).getBytes());
export const octets = (bytes: Buffer) => asn1.create(Class.UNIVERSAL, Type.OCTETSTRING, false, bytes.toString('binary'));
export const utf8 = (text: string) => asn1.create(Class.UNIVERSAL, Type.UTF8, false, forge.util.encodeUtf8(text));
export const bmp = (text: string) => asn1.create(Class.UNIVERSAL, Type.BMPSTRING, false, text);
/** A context-specific, constructed [n] wrapper (EXPLICIT tagging). */
export const explicit = (tag: number, inner: Asn1) => asn1.create(Class.CONTEXT_SPECIFIC, tag, true, [inner]);

/** OID arcs as BigInt: forge's own encoder stops at 32 bits, and UUID OIDs (2.25.x, X.667) are 128. */
function encodeOid(dotted: string): string {
  const arcs = dotted.split('.').map((a) => BigInt(a));
  const values = [arcs[0]! * 40n + arcs[1]!, ...arcs.slice(2)];
  let out = '';
  for (const value of values) {
    const groups = [Number(value & 0x7fn)];
    for (let v = value >> 7n; v > 0n; v >>= 7n) groups.unshift(Number(v & 0x7fn) | 0x80);
    out += String.fromCharCode(...groups);
  }
  return out;
}

function decodeOid(bytes: string): string {
  const values: bigint[] = [];
  let value = 0n;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes.charCodeAt(i);
    value = (value << 7n) | BigInt(byte & 0x7f);
    if (!(byte & 0x80)) (values.push(value), (value = 0n));
  }
  const first = values.shift() ?? 0n;
  const head = first < 80n ? [first / 40n, first % 40n] : [2n, first - 80n];
  return [...head, ...values].join('.');
}

export function toDer(obj: Asn1): Buffer {
  return Buffer.from(asn1.toDer(obj).getBytes(), 'binary');
}

/** Parses DER strictly; BIT STRINGs keep their raw bytes (a signature or key is not nested ASN.1). */
export function fromDer(bytes: Buffer): Asn1 {
  const options = { strict: true, decodeBitStrings: false } as unknown as boolean;
  return asn1.fromDer(forge.util.createBuffer(bytes.toString('binary')), options);
}

export function children(obj: Asn1 | undefined, what: string): Asn1[] {
  if (!obj || !Array.isArray(obj.value)) throw new Error(`${what}: expected a constructed value`);
  return obj.value;
}

export function bytesOf(obj: Asn1 | undefined, what: string): Buffer {
  if (!obj || typeof obj.value !== 'string') throw new Error(`${what}: expected a primitive value`);
  return Buffer.from(obj.value, 'binary');
}

export function oidOf(obj: Asn1 | undefined, what: string): string {
  if (!obj || obj.type !== Type.OID || typeof obj.value !== 'string') throw new Error(`${what}: expected an OID`);
  return decodeOid(obj.value);
}

export function intOf(obj: Asn1 | undefined, what: string): number {
  if (!obj || obj.type !== Type.INTEGER || typeof obj.value !== 'string') throw new Error(`${what}: expected an INTEGER`);
  return asn1.derToInteger(obj.value);
}

/** UTCTime until 2049, GeneralizedTime from 2050 (RFC 5280, 4.1.2.5). */
export function time(date: Date): Asn1 {
  return date.getUTCFullYear() < 2050
    ? asn1.create(Class.UNIVERSAL, Type.UTCTIME, false, asn1.dateToUtcTime(date))
    : asn1.create(Class.UNIVERSAL, Type.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(date));
}
