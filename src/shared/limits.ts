/** Input limits that the contract enforces and the console states before sending. Free of zod, so the renderer bundle stays small. */

/** The largest request either transport accepts: room for a registrar CSV of 12 MiB sent base64 in JSON. */
export const MAX_REQUEST_BYTES = 17 * 1024 * 1024;

/** The largest registrar file the import takes (it travels base64-encoded, 4/3 of its size). */
export const MAX_IMPORT_FILE_BYTES = 12 * 1024 * 1024;

/** Two characters already make a reason in Chinese (离职, 调岗). */
export const REASON_MIN_LENGTH = 2;
