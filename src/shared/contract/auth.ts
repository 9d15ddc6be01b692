import { z } from 'zod';
import { desk, empty, language, newPassword, ok, password, permission, role, totpCode } from './common';
import { mutation, query } from './define';

/** What a session still has to do before it may act. */
export const SIGN_IN_STAGES = ['password_change', 'totp_enroll', 'totp', 'active'] as const;
export type SignInStage = (typeof SIGN_IN_STAGES)[number];

export const sessionView = z.object({
  stage: z.enum(SIGN_IN_STAGES),
  locked: z.boolean(),
  desk,
  idleLockSeconds: z.number().int(),
  staff: z.object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(role),
    permissions: z.array(permission),
    language,
    totpEnrolled: z.boolean(),
    totpRequired: z.boolean(),
    /** Permissions the staff member's roles carry that wait for two-step verification in this session. */
    twoStepNeededFor: z.array(permission),
  }),
});
export type SessionView = z.infer<typeof sessionView>;

export const authChannels = {
  'auth.session': query('public', empty, sessionView.nullable()),
  'auth.signIn': mutation(
    'public',
    z.object({ username: z.string().trim().min(1).max(64), password, desk }).strict(),
    sessionView,
  ),
  'auth.verifyTotp': mutation('pending', z.object({ code: totpCode }).strict(), sessionView),
  'auth.changePassword': mutation(
    'pending',
    z.object({ currentPassword: password, newPassword }).strict(),
    sessionView,
  ),
  /** A first enrollment during sign-in needs nothing more; any later one the current password, and a replacement also a current code. */
  'auth.totpEnrollBegin': mutation(
    'pending',
    z.object({ currentPassword: password.optional(), code: totpCode.optional() }).strict(),
    z.object({ otpauthUri: z.string(), secret: z.string(), qrSvg: z.string() }),
  ),
  'auth.totpEnrollConfirm': mutation('pending', z.object({ code: totpCode }).strict(), sessionView),
  'auth.touch': mutation('pending', empty, sessionView, { audited: false }),
  'auth.lock': mutation('pending', empty, ok),
  'auth.unlock': mutation('pending', z.object({ password }).strict(), sessionView),
  'auth.signOut': mutation('pending', empty, ok),
  'auth.signOutEverywhere': mutation('signed-in', empty, z.object({ ended: z.number().int() })),
  'auth.setLanguage': mutation('pending', z.object({ language }).strict(), sessionView),
};
