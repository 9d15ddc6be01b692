import QRCode from 'qrcode';
import type { authChannels } from '../../shared/contract/auth';
import { DeskError } from '../../shared/errors';
import { permissionsOf } from '../../shared/permissions';
import type { DataKey } from '../crypto/data-key';
import { sessionToken } from '../crypto/one-time-password';
import { decoyHash, hashPassword, verifyPassword } from '../crypto/password-hash';
import { base32Decode, matchTotp, newTotpSecret, otpauthUri } from '../crypto/totp';
import { type CallContext, type Handlers, type LiveSession, type Stage, requireSession } from '../rpc/context';
import { readSettings } from '../settings/settings-store';
import type { Queryable } from '../store/database';
import { checkStaffPassword } from './password-policy';
import { createSession, endSession, stageAfterPassword, toSessionView, updateSession } from './sessions';
import { type StaffRecord, endSessionsOf, findStaff } from './staff-repository';

const MAX_FAILED_ATTEMPTS = 5;
const LOCKOUT_MS = 15 * 60 * 1000;
const TOTP_CONTEXT = 'staff.totp_secret';

function countFailure(ctx: CallContext, staffId: number) {
  ctx.onFailure(async (tx) => {
    await tx.run(
      `UPDATE staff SET
         failed_attempts = CASE WHEN failed_attempts + 1 >= ? THEN 0 ELSE failed_attempts + 1 END,
         locked_until = CASE WHEN failed_attempts + 1 >= ? THEN ? ELSE locked_until END
       WHERE id = ?`,
      [MAX_FAILED_ATTEMPTS, MAX_FAILED_ATTEMPTS, new Date(ctx.now.getTime() + LOCKOUT_MS).toISOString(), staffId],
    );
  });
}

function requireStage(session: LiveSession, ...allowed: Stage[]) {
  if (!allowed.includes(session.stage)) {
    throw new DeskError('STAGE_REQUIRED', `this step is not expected now (the session is at "${session.stage}")`, {
      params: { stage: session.stage },
    });
  }
  if (session.stage === 'active' && session.locked) throw new DeskError('SESSION_LOCKED', 'the workstation is locked');
}

async function reload(ctx: CallContext, session: LiveSession, change: { stage?: Stage; locked?: boolean }) {
  await updateSession(ctx.db, session.id, { ...change, touch: ctx.now });
  const staff = (await findStaff(ctx.db, { id: session.staff.id })) as StaffRecord;
  const settings = await readSettings(ctx.db);
  const next: LiveSession = { ...session, staff, stage: change.stage ?? session.stage, locked: change.locked ?? session.locked };
  return toSessionView(next, settings);
}

async function checkOwnPassword(ctx: CallContext, staff: StaffRecord, password: string, field: string) {
  if (!(await verifyPassword(password, staff.password_hash))) {
    countFailure(ctx, staff.id);
    throw new DeskError('INVALID_CREDENTIALS', `${field}: the password is not correct`, {
      fields: [{ path: field, reason: 'wrong_password', message: 'the password is not correct' }],
    });
  }
}

export function authHandlers(dataKey: DataKey): Handlers<keyof typeof authChannels> {
  async function checkTotp(ctx: CallContext, staff: StaffRecord, sealed: string, code: string, tx: Queryable) {
    const secret = base32Decode(dataKey.open(sealed, TOTP_CONTEXT));
    const step = matchTotp(secret, code, ctx.now.getTime());
    if (step === null || (staff.totp_last_step !== null && step <= staff.totp_last_step)) {
      countFailure(ctx, staff.id);
      throw new DeskError('TOTP_INVALID', 'code: the code is wrong, expired or already used', {
        fields: [{ path: 'code', reason: 'totp_invalid', message: 'the code is wrong, expired or already used' }],
      });
    }
    await tx.run('UPDATE staff SET totp_last_step = ?, failed_attempts = 0 WHERE id = ?', [step, staff.id]);
  }

  return {
    async 'auth.session'(_input, ctx) {
      return ctx.session ? toSessionView(ctx.session, await readSettings(ctx.db)) : null;
    },

    async 'auth.signIn'(input, ctx) {
      const username = input.username.toLowerCase();
      ctx.audit.actor = username;
      ctx.audit.target = `staff:${username}`;
      ctx.audit.detail.desk = input.desk;
      const staff = await findStaff(ctx.db, { username });
      const invalid = () => new DeskError('INVALID_CREDENTIALS', 'the username or password is not correct');
      if (!staff) {
        await verifyPassword(input.password, await decoyHash());
        throw invalid();
      }
      if (staff.locked_until && new Date(staff.locked_until) > ctx.now) {
        throw new DeskError('STAFF_LOCKED', `too many failed attempts; try again after ${staff.locked_until}`, {
          params: { until: staff.locked_until },
        });
      }
      if (!(await verifyPassword(input.password, staff.password_hash))) {
        countFailure(ctx, staff.id);
        throw invalid();
      }
      if (staff.disabled === 1) throw new DeskError('STAFF_DISABLED', 'this staff account is disabled');
      await ctx.db.run('UPDATE staff SET failed_attempts = 0, locked_until = NULL, last_sign_in_at = ? WHERE id = ?', [
        ctx.now.toISOString(),
        staff.id,
      ]);
      const settings = await readSettings(ctx.db);
      const stage = stageAfterPassword(staff, settings);
      const token = sessionToken();
      await createSession(ctx.db, token, staff.id, input.desk, stage, ctx.now);
      ctx.carrier.set(token);
      ctx.audit.detail.stage = stage;
      const live = { id: 0, staff, desk: input.desk, stage, locked: false, permissions: permissionsOf(staff.roles) };
      return toSessionView(live, settings);
    },

    async 'auth.verifyTotp'(input, ctx) {
      const session = requireSession(ctx);
      requireStage(session, 'totp');
      await checkTotp(ctx, session.staff, session.staff.totp_secret as string, input.code, ctx.db);
      return reload(ctx, session, { stage: 'active' });
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
      await ctx.db.run('UPDATE staff SET password_hash = ?, must_change_password = 0 WHERE id = ?', [
        await hashPassword(input.newPassword),
        staff.id,
      ]);
      await ctx.db.run('UPDATE sessions SET ended_at = ?, end_reason = ? WHERE staff_id = ? AND id != ? AND ended_at IS NULL', [
        ctx.now.toISOString(),
        'password changed',
        staff.id,
        session.id,
      ]);
      ctx.audit.target = `staff:${staff.username}`;
      const updated = { ...staff, must_change_password: 0 };
      const stage = session.stage === 'active' ? 'active' : stageAfterPassword(updated, await readSettings(ctx.db));
      return reload(ctx, session, { stage });
    },

    async 'auth.totpEnrollBegin'(_input, ctx) {
      const session = requireSession(ctx);
      requireStage(session, 'totp_enroll', 'active');
      const secret = newTotpSecret();
      await ctx.db.run('UPDATE staff SET totp_pending_secret = ? WHERE id = ?', [
        dataKey.seal(secret, TOTP_CONTEXT),
        session.staff.id,
      ]);
      const uri = otpauthUri(secret, session.staff.username, 'jAccount Service Desk');
      const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return { otpauthUri: uri, secret, qrSvg };
    },

    async 'auth.totpEnrollConfirm'(input, ctx) {
      const session = requireSession(ctx);
      requireStage(session, 'totp_enroll', 'active');
      const pending = session.staff.totp_pending_secret;
      if (!pending) throw new DeskError('STAGE_REQUIRED', 'start the enrollment first', { params: { stage: session.stage } });
      await checkTotp(ctx, { ...session.staff, totp_last_step: null }, pending, input.code, ctx.db);
      await ctx.db.run('UPDATE staff SET totp_secret = totp_pending_secret, totp_pending_secret = NULL WHERE id = ?', [
        session.staff.id,
      ]);
      ctx.audit.target = `staff:${session.staff.username}`;
      return reload(ctx, session, { stage: 'active' });
    },

    async 'auth.touch'(_input, ctx) {
      const session = requireSession(ctx);
      return reload(ctx, session, {});
    },

    async 'auth.lock'(_input, ctx) {
      const session = requireSession(ctx);
      await updateSession(ctx.db, session.id, { locked: true });
      return { ok: true as const };
    },

    async 'auth.unlock'(input, ctx) {
      const session = requireSession(ctx);
      if (session.stage !== 'active') requireStage(session, 'active');
      await checkOwnPassword(ctx, session.staff, input.password, 'password');
      return reload(ctx, session, { locked: false });
    },

    async 'auth.signOut'(_input, ctx) {
      const session = requireSession(ctx);
      await endSession(ctx.db, session.id, 'signed out', ctx.now);
      ctx.carrier.clear();
      return { ok: true as const };
    },

    async 'auth.signOutEverywhere'(_input, ctx) {
      const session = requireSession(ctx);
      const ended = await endSessionsOf(ctx.db, session.staff.id, 'signed out everywhere', ctx.now);
      ctx.carrier.clear();
      return { ended };
    },

    async 'auth.setLanguage'(input, ctx) {
      const session = requireSession(ctx);
      await ctx.db.run('UPDATE staff SET language = ? WHERE id = ?', [input.language, session.staff.id]);
      ctx.audit.detail.language = input.language;
      return reload(ctx, session, {});
    },
  };
}
