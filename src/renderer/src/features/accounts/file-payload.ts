import { MAX_IMPORT_FILE_BYTES } from '../../../../shared/limits';

/** Checked before a file is read: the import takes registrar files up to this size. */
export const MAX_IMPORT_BYTES = MAX_IMPORT_FILE_BYTES;

export interface FilePayload {
  fileName: string;
  contentBase64: string;
  /** Data lines (not counting the heading line), for the progress text. */
  rows: number;
  bytes: number;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Reads a chosen file as it is (the desk detects UTF-8 or GB18030 itself). */
export async function readFilePayload(file: File): Promise<FilePayload> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let lines = 0;
  // 0x0A never occurs inside a UTF-8 or GB18030 multi-byte character, so counting it counts lines.
  for (const b of bytes) if (b === 0x0a) lines++;
  if (bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a) lines++;
  return { fileName: file.name, contentBase64: toBase64(bytes), rows: Math.max(0, lines - 1), bytes: bytes.length };
}
