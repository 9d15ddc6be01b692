import type { Channel } from '../../shared/contract';
import { MAX_REQUEST_BYTES, SIGNED_IN_REQUEST_BYTES } from '../../shared/limits';

/** The channels that carry files (base64 in the JSON body): the only ones allowed MAX_REQUEST_BYTES over HTTP. */
export const UPLOAD_CHANNELS: ReadonlySet<string> = new Set([
  'accounts.import',
  'registry.import',
  'verification.submitAlumni',
  'verification.submitContactChange',
  'verification.importOnline',
  'verify.importBundle',
] satisfies Channel[]);

/** The body cap for a caller that a live session allowed to call `channel` stands behind. */
export function admittedBodyLimit(channel: string): number {
  return UPLOAD_CHANNELS.has(channel) ? MAX_REQUEST_BYTES : SIGNED_IN_REQUEST_BYTES;
}
