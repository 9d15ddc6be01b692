import type { z } from 'zod';
import type { Permission } from '../permissions';

/**
 * Who may call a channel:
 * - `public`: anyone, no session;
 * - `pending`: any live session, even one still in sign-in steps or locked by idleness;
 * - `signed-in`: a session that finished every sign-in step and is not locked;
 * - a permission: signed-in and holding that permission.
 */
export type Access = 'public' | 'pending' | 'signed-in' | Permission;

export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
  /** Mutations run in one write transaction together with their audit entry. */
  kind: 'query' | 'mutation';
  /** Whether a successful call is written to the audit log (failures of signed-in calls always are). */
  audited: boolean;
}

export function query<I extends z.ZodType, O extends z.ZodType>(
  access: Access,
  input: I,
  output: O,
  options: { audited?: boolean } = {},
): ChannelDef<I, O> {
  return { input, output, access, kind: 'query', audited: options.audited ?? false };
}

export function mutation<I extends z.ZodType, O extends z.ZodType>(
  access: Access,
  input: I,
  output: O,
  options: { audited?: boolean } = {},
): ChannelDef<I, O> {
  return { input, output, access, kind: 'mutation', audited: options.audited ?? true };
}
