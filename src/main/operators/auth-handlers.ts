import QRCode from 'qrcode';
import type { authChannels } from '../../shared/contract/auth';
import { DeskError } from '../../shared/errors';
import { permissionsInSession } from '../../shared/permissions';
import type { DataKey } from '../crypto/data-key';
import { sessionToken } from '../crypto/one-time-password';
import type { PasswordHasher } from '../crypto/password-hash';
import { base32Decode, matchTotp, newTotpSecret, otpauthUri } from '../crypto/totp';
import { type CallContext, type Handlers, type LiveSession, type Stage, requireSession } from '../rpc/context';
import { readSettings } from '../settings/settings-store';
import { checkStaffPassword } from './password-policy';
import { createSession, stageAfterPassword, toSessionView } from './sessions';
import { throughLockout } from './lockout';
import {
  type StaffRecord
} from './staff-repository';

const TOTP_CONTEXT = 'staff.totp_secret';

function requireStage(session: LiveSession, ...allowed: Stage[]) {
  if (!allowed.includes(session.stage)) {
    throw new DeskError('STAGE_REQUIRED', `this step is not expected now (the session is at "${session.stage}")`, {
      params: { stage: session.stage },
    });
  }
  if (session.stage === 'active' && session.locked) throw new DeskError('SESSION_LOCKED', 'the workstation is locked');
}

/** Writes the step's outcome and answers the session as it now is; reaching "active" ends the run of failures. */
async function reload(ctx: CallContext, session: LiveSession, change: { stage?: Stage; locked?: boolean; twoStep?: true }) {
  await ctx.repos.sessions.updateSession(session.id, { ...change, touch: ctx.now });
  if (change.stage === 'active' && session.stage !== 'active') await ctx.repos.lockouts.clearFailures(session.staff.id);
  const staff = (await ctx.repos.staff.findStaff({ id: session.staff.id })) as StaffRecord;
  const settings = await readSettings(ctx.repos);
  const twoStep = change.twoStep ?? session.twoStep;
  const next: LiveSession = {
    ...session,
    staff,
    stage: change.stage ?? session.stage,
    locked: change.locked ?? session.locked,
    twoStep,
    permissions: permissionsInSession(staff.roles, twoStep),
    settings,
  };
  return toSessionView(next, settings);
}

const wrongPassword = (field: string) => () =>
  new DeskError('INVALID_CREDENTIALS', `${field}: the password is not correct`, {
    fields: [{ path: field, reason: 'wrong_password', message: 'the password is not correct' }],
  });

export function authHandlers(dataKey: DataKey, passwordHasher: PasswordHasher): Handlers<keyof typeof authChannels> {
  function checkOwnPassword(ctx: CallContext, staff: StaffRecord, password: string, field: string) {
    return throughLockout(ctx, { staffId: staff.id }, () => passwordHasher.verify(password, staff.password_hash), wrongPassword(field));
  }

  /** A code of the authenticator sealed in `sealed`, through the lockout gate; a code is accepted once. */
  async function checkTotp(ctx: CallContext, staff: StaffRecord, sealed: string, code: string, lastStep: number | null) {
    const secret = base32Decode(dataKey.open(sealed, TOTP_CONTEXT));
    let step: number | null = null;
    await throughLockout(
      ctx,
      { staffId: staff.id },
      async () => {
        step = matchTotp(secret, code, ctx.now.getTime());
        return step !== null && (lastStep === null || step > lastStep);
      },
      () =>
        new DeskError('TOTP_INVALID', 'code: the code is wrong, expired or already used', {
          fields: [{ path: 'code', reason: 'totp_invalid', message: 'the code is wrong, expired or already used' }],
        }),
    );
    await ctx.repos.staff.setTotpLastStep(staff.id, step!);
  }

  return {
    async 'auth.session'(_input, ctx) {
      return ctx.session ? toSessionView(ctx.session, ctx.session.settings) : null;
    },

    async 'auth.signIn'(input, ctx) {
      const username = input.username.toLowerCase();
      ctx.audit.actor = username;
      ctx.audit.target = `staff:${username}`;
      ctx.audit.detail.desk = input.desk;
      const staff = await ctx.repos.staff.findStaff({ username });
      // A name that is no staff member's is counted and locked like one, so no answer tells them apart.
      await throughLockout(
        ctx,
        staff ? { staffId: staff.id } : { unknownName: username },
        () => (staff ? passwordHasher.verify(input.password, staff.password_hash) : passwordHasher.verifyDecoy(input.password)),
        () => new DeskError('INVALID_CREDENTIALS', 'the username or password is not correct'),
      );
      if (!staff) throw new Error('unreachable: a decoy password never matches');
      if (staff.disabled === 1) throw new DeskError('STAFF_DISABLED', 'this staff account is disabled');
      const settings = await readSettings(ctx.repos);
      const stage = stageAfterPassword(staff, settings);
      await ctx.repos.staff.recordSignIn(staff.id, ctx.now);
      if (stage === 'active') await ctx.repos.lockouts.clearFailures(staff.id);
      const token = sessionToken();
      await createSession(ctx.repos, token, staff.id, input.desk, stage, ctx.now);
      ctx.carrier.set(token);
      ctx.audit.detail.stage = stage;
      const live = { id: 0, staff, desk: input.desk, stage, locked: false, twoStep: false, permissions: permissionsInSession(staff.roles, false), settings };
      return toSessionView(live, settings);
    },

    /** The sign-in's second step; in an active session that has not passed it, what lets an admin role granted meanwhile apply. */
    async 'auth.verifyTotp'(input, ctx) {
      const session = requireSession(ctx);
      if (session.stage === 'active' && !session.twoStep && session.staff.totp_secret) requireStage(session, 'active');
      else requireStage(session, 'totp');
      await checkTotp(ctx, session.staff, session.staff.totp_secret as string, input.code, session.staff.totp_last_step);
      return reload(ctx, session, { stage: 'active', twoStep: true });
    },

    async 'auth.changePassword'(input, ctx) {
      const session = requireSession(ctx);
      requireStage(session, 'password_change', 'active');
      const { staff } = session;
      await checkOwnPassword(ctx, staff, input.currentPassword, 'currentPassword');
      checkStaffPassword(input.newPassword, staff.username);
      if (input.newPassword === input.currentPassword) {
        throw new DeskError('PASSWORD_POLICY', 'newPassword: must differ from the current password', {
          fields: [{ path: 'newPassword', reason: 'same_as_current', message: 'must differ from the current password' }],
        });
      }
      await ctx.repos.staff.setPassword(staff.id, await passwordHasher.hash(input.newPassword));
      await ctx.repos.sessions.endOtherSessionsOf(staff.id, session.id, 'password changed', ctx.now);
      ctx.audit.target = `staff:${staff.username}`;
      const updated = { ...staff, must_change_password: 0 };
      const stage = session.stage === 'active' ? 'active' : stageAfterPassword(updated, await readSettings(ctx.repos));
      return reload(ctx, session, { stage });
    },

    async 'auth.totpEnrollBegin'(input, ctx) {
      const session = requireSession(ctx);
      requireStage(session, 'totp_enroll', 'active');
      const { staff } = session;
      // During sign-in the password was just accepted; afterwards the session alone is not enough.
      if (session.stage === 'active') {
        const missing = [
          ...(input.currentPassword === undefined ? ['currentPassword'] : []),
          ...(staff.totp_secret && input.code === undefined ? ['code'] : []),
        ];
        if (missing.length) {
          throw new DeskError('VALIDATION', missing.map((f) => `${f}: required to change two-step verification`).join('; '), {
            fields: missing.map((path) => ({ path, reason: 'required', message: 'required to change two-step verification' })),
          });
        }
        await checkOwnPassword(ctx, staff, input.currentPassword!, 'currentPassword');
        if (staff.totp_secret) await checkTotp(ctx, staff, staff.totp_secret, input.code!, staff.totp_last_step);
      }
      const secret = newTotpSecret();
      await ctx.repos.staff.setPendingTotp(staff.id, dataKey.seal(secret, TOTP_CONTEXT));
      const uri = otpauthUri(secret, session.staff.username, 'jAccount Service Desk');
      const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return { otpauthUri: uri, secret, qrSvg };
    },

    async 'auth.totpEnrollConfirm'(input, ctx) {
      const session = requireSession(ctx);
      requireStage(session, 'totp_enroll', 'active');
      const pending = session.staff.totp_pending_secret;
      if (!pending) throw new DeskError('STAGE_REQUIRED', 'start the enrollment first', { params: { stage: session.stage } });
      await checkTotp(ctx, session.staff, pending, input.code, null);
      await ctx.repos.staff.confirmPendingTotp(session.staff.id);
      // A new authenticator ends every other session: one signed in with the old one must not go on.
      await ctx.repos.sessions.endOtherSessionsOf(session.staff.id, session.id, 'two-step changed', ctx.now);
      ctx.audit.target = `staff:${session.staff.username}`;
      return reload(ctx, session, { stage: 'active', twoStep: true });
    },

    async 'auth.touch'(_input, ctx) {
      const session = requireSession(ctx);
      return reload(ctx, session, {});
    },

    async 'auth.lock'(_input, ctx) {
      const session = requireSession(ctx);
      await ctx.repos.sessions.updateSession(session.id, { locked: true });
      return { ok: true as const };
    },

    async 'auth.unlock'(input, ctx) {
      const session = requireSession(ctx);
      if (session.stage !== 'active') requireStage(session, 'active');
      await checkOwnPassword(ctx, session.staff, input.password, 'password');
      await ctx.repos.lockouts.clearFailures(session.staff.id);
      return reload(ctx, session, { locked: false });
    },

    async 'auth.signOut'(_input, ctx) {
      const session = requireSession(ctx);
      await ctx.repos.sessions.endSession(session.id, 'signed out', ctx.now);
      ctx.carrier.clear();
      return { ok: true as const };
    },

    async 'auth.signOutEverywhere'(_input, ctx) {
      const session = requireSession(ctx);
      const ended = await ctx.repos.sessions.endSessionsOf(session.staff.id, 'signed out everywhere', ctx.now);
      ctx.carrier.clear();
      return { ended };
    },

    async 'auth.setLanguage'(input, ctx) {
      const session = requireSession(ctx);
      await ctx.repos.staff.setLanguage(session.staff.id, input.language);
      ctx.audit.detail.language = input.language;
      return reload(ctx, session, {});
    },
  };
}
