import { IconAdjustments, IconFileSearch, IconUserCircle, IconUsersGroup } from '@tabler/icons-react';
import type { Permission } from '../../../shared/permissions';
import type { MessageKey } from '../i18n';

export type AreaId = 'staff' | 'audit' | 'settings' | 'account';

export interface Area {
  id: AreaId;
  label: MessageKey;
  icon: typeof IconUsersGroup;
  /** The permission the area needs; null: everyone signed in. */
  permission: Permission | null;
  group: 'work' | 'personal';
}

/** The areas that exist so far, in navbar order. Later issues add theirs here. */
export const AREAS: readonly Area[] = [
  { id: 'staff', label: 'nav.staff', icon: IconUsersGroup, permission: 'staff.manage', group: 'work' },
  { id: 'audit', label: 'nav.audit', icon: IconFileSearch, permission: 'audit.read', group: 'work' },
  { id: 'settings', label: 'nav.settings', icon: IconAdjustments, permission: null, group: 'personal' },
  { id: 'account', label: 'nav.account', icon: IconUserCircle, permission: null, group: 'personal' },
];

export function areasFor(permissions: readonly Permission[]): Area[] {
  return AREAS.filter((area) => area.permission === null || permissions.includes(area.permission));
}
