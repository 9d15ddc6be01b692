import {
  IconAdjustments,
  IconApps,
  IconCalendarEvent,
  IconChecklist,
  IconFileCertificate,
  IconMailForward,
  IconKey,
  IconScan,
  IconFileImport,
  IconFileSearch,
  IconUserCircle,
  IconUserPlus,
  IconUserSearch,
  IconUsersGroup,
} from '@tabler/icons-react';
import type { Permission } from '../../../shared/permissions';
import type { MessageKey } from '../i18n';

export type AreaId =
  | 'accounts'
  | 'register'
  | 'import'
  | 'applications'
  | 'review'
  | 'verify'
  | 'clients'
  | 'keys'
  | 'staff'
  | 'calendar'
  | 'outbox'
  | 'audit'
  | 'settings'
  | 'account';

export interface Area {
  id: AreaId;
  label: MessageKey;
  icon: typeof IconUsersGroup;
  /** The permission the area needs; null: everyone signed in. */
  permission: Permission | null;
  /** Navbar section: the counter's daily work, administration, the staff member's own. */
  group: 'counter' | 'interface' | 'work' | 'personal';
}

/** The areas that exist so far, in navbar order. Later issues add theirs here. */
export const AREAS: readonly Area[] = [
  { id: 'accounts', label: 'nav.accounts', icon: IconUserSearch, permission: 'account.view', group: 'counter' },
  { id: 'register', label: 'nav.register', icon: IconUserPlus, permission: 'account.register', group: 'counter' },
  { id: 'import', label: 'nav.import', icon: IconFileImport, permission: 'account.import', group: 'counter' },
  { id: 'applications', label: 'nav.applications', icon: IconFileCertificate, permission: 'verification.intake', group: 'counter' },
  { id: 'review', label: 'nav.review', icon: IconChecklist, permission: 'verification.review', group: 'counter' },
  { id: 'verify', label: 'nav.verify', icon: IconScan, permission: 'account.view', group: 'counter' },
  { id: 'clients', label: 'nav.clients', icon: IconApps, permission: 'clients.manage', group: 'interface' },
  { id: 'keys', label: 'nav.keys', icon: IconKey, permission: 'keys.manage', group: 'interface' },
  { id: 'staff', label: 'nav.staff', icon: IconUsersGroup, permission: 'staff.manage', group: 'work' },
  { id: 'calendar', label: 'nav.calendar', icon: IconCalendarEvent, permission: 'calendar.manage', group: 'work' },
  { id: 'outbox', label: 'nav.outbox', icon: IconMailForward, permission: 'outbox.view', group: 'work' },
  { id: 'audit', label: 'nav.audit', icon: IconFileSearch, permission: 'audit.read', group: 'work' },
  { id: 'settings', label: 'nav.settings', icon: IconAdjustments, permission: null, group: 'personal' },
  { id: 'account', label: 'nav.account', icon: IconUserCircle, permission: null, group: 'personal' },
];

export function areasFor(permissions: readonly Permission[]): Area[] {
  return AREAS.filter((area) => area.permission === null || permissions.includes(area.permission));
}
