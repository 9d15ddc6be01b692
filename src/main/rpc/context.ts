import type { DeskError } from '../../shared/errors';
import type { SignInStage } from '../../shared/contract/auth';
import type { Channel, Output, ParsedInput } from '../../shared/contract';
import type { Desk } from '../../shared/desks';
import type { Permission } from '../../shared/permissions';
import type { DeskSettings } from '../../shared/contract/settings';
import type { StaffRecord } from '../operators/staff-repository';
import type { Repositories } from '../repositories';

/** How a transport keeps the session token: an HttpOnly cookie, or a map per Electron window. */
export interface SessionCarrier {
  token(): string | null;
  set(token: string): void;
  clear(): void;
}

export type Stage = SignInStage;

export interface LiveSession {
  id: number;
  staff: StaffRecord;
  desk: Desk;
  stage: Stage;
  locked: boolean;
  /** Whether this session passed two-step verification: admin roles' permissions need it. */
  twoStep: boolean;
  /** What the session may do now (permissionsInSession). */
  permissions: Permission[];
  /** The desk's settings, read with the session (one statement): the idle lock and the lookup budget use them. */
  settings: DeskSettings;
}

export interface CallContext {
  /** Every table's repository, on the write transaction for mutations and the read connection for queries. */
  repos: Repositories;
  now: Date;
  session: LiveSession | null;
  carrier: SessionCarrier;
  /** What the audit entry says about this call; handlers fill in target and detail. */
  audit: { actor?: string; target?: string; detail: Record<string, unknown> };
  /** Writes that must persist even when the call fails (failed sign-in counters). */
  onFailure(write: FailureWrite): void;
}

export type Handler<C extends Channel> = (input: ParsedInput<C>, ctx: CallContext) => Promise<Output<C>>;
export type Handlers<Cs extends Channel> = { [C in Cs]: Handler<C> };

export function requireSession(ctx: CallContext): LiveSession {
  if (!ctx.session) throw new Error('router let a call through without a session');
  return ctx.session;
}

/**
 * What must persist when a handler fails (a sign-in counter), written after the handler's own
 * writes are undone; it may answer a truer error than the one thrown (the attempt found the
 * subject locked by another desk meanwhile).
 */
export type FailureWrite = (repos: Repositories) => Promise<DeskError | void>;
