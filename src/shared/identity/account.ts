export const ACCOUNT_CATEGORIES = ['undergraduate', 'postgraduate', 'faculty', 'staff', 'alumni', 'visiting'] as const;
export type AccountCategory = (typeof ACCOUNT_CATEGORIES)[number];

/** Stored statuses; "locked" is not one of them but a time-bound overlay on an active account. */
export const ACCOUNT_STATUSES = ['pending', 'active', 'suspended', 'revoked'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** Which status changes staff may make, and which need a reason (all of them do). */
export const STATUS_TRANSITIONS: Record<AccountStatus, readonly AccountStatus[]> = {
  pending: ['active', 'suspended', 'revoked'],
  active: ['suspended', 'revoked'],
  suspended: ['active', 'revoked'],
  revoked: [],
};
