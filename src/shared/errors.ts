export const ERROR_CODES = [
  'VALIDATION',
  'UNKNOWN_CHANNEL',
  'UNAUTHENTICATED',
  'SESSION_LOCKED',
  'STAGE_REQUIRED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_CREDENTIALS',
  'STAFF_DISABLED',
  'STAFF_LOCKED',
  'TOTP_INVALID',
  'PASSWORD_POLICY',
  'LOOKUP_LIMIT',
  'PAYLOAD_TOO_LARGE',
  'BAD_ORIGIN',
  'STORAGE_FULL',
  'STORAGE_READ_ONLY',
  'STORE_UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `roles.0`. */
  path: string;
  /** Machine-readable reason (zod issue code or a domain reason such as `too_short`). */
  reason: string;
  /** English sentence for logs and scripts; the UI translates by `reason`. */
  message: string;
  params?: Record<string, string | number>;
}

export interface DeskErrorBody {
  code: ErrorCode;
  message: string;
  fields?: FieldIssue[];
  params?: Record<string, string | number>;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: DeskErrorBody };

export class DeskError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldIssue[];
  readonly params?: Record<string, string | number>;

  constructor(
    code: ErrorCode,
    message: string,
    extra: { fields?: FieldIssue[]; params?: Record<string, string | number> } = {},
  ) {
    super(message);
    this.name = 'DeskError';
    this.code = code;
    this.fields = extra.fields;
    this.params = extra.params;
  }

  toBody(): DeskErrorBody {
    return { code: this.code, message: this.message, fields: this.fields, params: this.params };
  }
}

export function fieldError(path: string, reason: string, message: string): DeskError {
  return new DeskError('VALIDATION', `${path}: ${message}`, { fields: [{ path, reason, message }] });
}
