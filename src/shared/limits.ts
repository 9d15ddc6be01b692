/** Input limits that the contract enforces and the console states before sending. Free of zod, so the renderer bundle stays small. */

/**
 * What an HTTP RPC body may weigh, by who sends it. Until the desk knows a session allowed to
 * make the call, every body is small, so nobody without a session can make the desk buffer much.
 */
export const ANONYMOUS_REQUEST_BYTES = 64 * 1024;

/** Any channel, from a live session allowed to call it: room to spare for the largest form (a calendar, a client). */
export const SIGNED_IN_REQUEST_BYTES = 1024 * 1024;

/**
 * The largest request either transport accepts, and over HTTP only on the upload channels from
 * a session allowed to call them: room for a registrar CSV of 12 MiB sent base64 in JSON.
 */
export const MAX_REQUEST_BYTES = 17 * 1024 * 1024;

/** The largest registrar file the import takes (it travels base64-encoded, 4/3 of its size). */
export const MAX_IMPORT_FILE_BYTES = 12 * 1024 * 1024;

/** Two characters already make a reason in Chinese (离职, 调岗). */
export const REASON_MIN_LENGTH = 2;
