import type { ApplicationState, ClientStatus } from '../../../../shared/contract/clients';
import type { GrantType, Scope } from '../../../../shared/oauth/scopes';

export { BADGE } from '../accounts/labels';

export const STATE_COLORS = {
  submitted: 'gray',
  leader_approved: 'blue',
  approved: 'teal',
  rejected: 'red',
} as const satisfies Record<ApplicationState, string>;

export const CLIENT_STATUS_COLORS = { enabled: 'teal', disabled: 'gray', deleted: 'red' } as const satisfies Record<ClientStatus, string>;

/** In workflow order (a new state in the contract fails typecheck in STATE_COLORS until it is listed). */
export const STATES = Object.keys(STATE_COLORS) as ApplicationState[];

/** The console's lists of the shared OAuth vocabularies, kept free of the contract module (and zod). */
export const GRANTS: readonly GrantType[] = ['authorization_code', 'refresh_token', 'client_credentials'];
/** Every scope, in the console's order (a scope new to the shared list fails typecheck here until it is placed). */
const SCOPE_ORDER = { openid: 1, profile: 2, number: 3, email: 4, phone: 5, offline_access: 6, identity_code: 7 } as const satisfies Record<Scope, number>;
export const SCOPE_LIST = Object.keys(SCOPE_ORDER) as readonly Scope[];
