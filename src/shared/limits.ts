/** Input limits that the contract enforces and the console states before sending. Free of zod, so the renderer bundle stays small. */

/** Two characters already make a reason in Chinese (离职, 调岗). */
export const REASON_MIN_LENGTH = 2;
