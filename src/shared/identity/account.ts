export const ACCOUNT_CATEGORIES = ['undergraduate', 'postgraduate', 'faculty', 'staff', 'alumni', 'visiting'] as const;
export type AccountCategory = (typeof ACCOUNT_CATEGORIES)[number];

/** Stored statuses; "locked" is not one of them but a time-bound overlay on an active account. */
export const ACCOUNT_STATUSES = ['pending', 'active', 'suspended', 'revoked'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/**
 * Which status changes staff may make (each with a reason). Only the holder activates an
 * account; reactivating a suspended account that was never activated returns it to pending.
 */
export const STATUS_TRANSITIONS: Record<AccountStatus, readonly AccountStatus[]> = {
  pending: ['suspended', 'revoked'],
  active: ['suspended', 'revoked'],
  suspended: ['active', 'revoked'],
  revoked: [],
};
