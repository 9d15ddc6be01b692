import type { UploadKind, UploadMediaType } from '../../../../shared/verification/terms';
import { detectMediaType } from '../../../../shared/verification/media-type';
import { readFilePayload } from '../accounts/file-payload';

export interface ChosenUpload {
  kind: UploadKind;
  fileName: string;
  contentBase64: string;
  size: number;
  /** What the first bytes say; null: not a JPEG, PNG or PDF (the desk will refuse it too). */
  mediaType: UploadMediaType | null;
}

export async function readUpload(kind: UploadKind, file: File): Promise<ChosenUpload> {
  const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  const payload = await readFilePayload(file);
  return { kind, fileName: file.name, contentBase64: payload.contentBase64, size: payload.bytes, mediaType: detectMediaType(head) };
}

export const TYPE_NAMES: Record<UploadMediaType, string> = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'application/pdf': 'PDF' };
