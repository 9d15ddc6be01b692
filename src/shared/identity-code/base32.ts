/**
 * RFC 4648 base32 without padding. Its alphabet (A-Z, 2-7) lies inside the QR alphanumeric
 * set, so a code is encoded in QR's denser alphanumeric mode, and a USB scanner that types
 * it into a field needs no shifted keys but the letters' own.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const VALUES: Record<string, number> = Object.fromEntries([...ALPHABET].map((c, i) => [c, i]));

export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** Case-insensitive (a scanner with Caps Lock on types lower case); null for any other character. */
export function base32Decode(text: string): Uint8Array | null {
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let at = 0;
  for (const ch of text.toUpperCase()) {
    const value = VALUES[ch];
    if (value === undefined) return null;
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      out[at++] = (buffer >>> (bits - 8)) & 255;
      bits -= 8;
    }
    buffer &= (1 << bits) - 1;
  }
  // Leftover bits are padding and must be zero, or the text is not what an encoder wrote.
  return buffer === 0 ? out : null;
}
