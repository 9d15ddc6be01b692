import type { UploadMediaType } from './terms';

const SIGNATURES: readonly { type: UploadMediaType; magic: readonly number[] }[] = [
  { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
];

/** What a file is by its first bytes (never by its name): JPEG, PNG or PDF, else null. The desk decides; the console only warns early. */
export function detectMediaType(bytes: Uint8Array): UploadMediaType | null {
  const found = SIGNATURES.find((s) => s.magic.length <= bytes.length && s.magic.every((b, i) => bytes[i] === b));
  return found?.type ?? null;
}
