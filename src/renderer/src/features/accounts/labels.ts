import type { AccountStatus } from '../../../../shared/identity/account';

/** One colour per stored status; "locked" is an overlay with its own badge. */
export const STATUS_COLORS = {
  pending: 'yellow',
  active: 'teal',
  suspended: 'orange',
  revoked: 'red',
} as const satisfies Record<AccountStatus, string>;

/** Badges keep the text as written (Mantine upper-cases by default). */
export const BADGE = { radius: 'sm', variant: 'light', styles: { label: { textTransform: 'none' } } } as const;
