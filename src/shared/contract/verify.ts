import { z } from 'zod';
import { ACCOUNT_CATEGORIES } from '../identity/account';
import { empty, isoTime } from './common';
import { mutation, query } from './define';

export const VERIFY_LIMITS = {
  codeTtlSeconds: { min: 15, max: 3600 },
  leewaySeconds: { min: 0, max: 300 },
  bundleMaxAgeSeconds: { min: 300, max: 30 * 24 * 3600 },
} as const;
/** A bundle file: every channel body must fit the HTTP transport's 1 MiB cap. */
export const MAX_BUNDLE_CHARS = 900_000;

const limited = (k: keyof typeof VERIFY_LIMITS) => z.number().int().min(VERIFY_LIMITS[k].min).max(VERIFY_LIMITS[k].max);

export const verifySettings = z.object({
  /** How long an identity code is valid. */
  codeTtlSeconds: limited('codeTtlSeconds'),
  /** Clock skew a verifier forgives at both ends of a credential's validity. */
  leewaySeconds: limited('leewaySeconds'),
  /** A verifier refuses a trust bundle older than this. */
  bundleMaxAgeSeconds: limited('bundleMaxAgeSeconds'),
});
export type VerifySettings = z.infer<typeof verifySettings>;

export const issuedCode = z.object({
  code: z.string(),
  username: z.string(),
  name: z.string(),
  category: z.enum(ACCOUNT_CATEGORIES),
  kid: z.string(),
  issuedAt: isoTime,
  expiresAt: isoTime,
  /** The QR code as a PNG data URL, drawn in the main process. */
  qrDataUrl: z.string(),
  qrVersion: z.number().int(),
});
export type IssuedCode = z.infer<typeof issuedCode>;

export const bundleExport = z.object({
  /** The signed bundle as a file's text (public data only). */
  bundle: z.string(),
  madeAt: isoTime,
  signerKid: z.string(),
  signerFingerprint: z.string(),
});
export type BundleExport = z.infer<typeof bundleExport>;

export const importReport = bundleExport.omit({ bundle: true }).extend({
  /** The signer was not trusted before: the operator confirmed its fingerprint. */
  firstImport: z.boolean(),
  keys: z.number().int(),
  revokedKids: z.number().int(),
  revokedAccounts: z.number().int(),
  suspendedAccounts: z.number().int(),
});
export type ImportReport = z.infer<typeof importReport>;

export const BUNDLE_SOURCES = ['this-desk', 'imported'] as const;

export const verifyChannels = {
  'verify.settings': query('account.view', empty, verifySettings),
  'verify.updateSettings': mutation('settings.manage', verifySettings.partial().strict(), verifySettings),
  /** An identity code for an active account, issued by staff at the desk. */
  'verify.issueCode': mutation('account.view', z.object({ username: z.string().trim().min(1).max(64) }).strict(), issuedCode),
  /** This desk's bundle, made now and signed with its active Ed25519 key; or the latest bundle imported from another desk. */
  'verify.bundle': query('account.view', z.object({ source: z.enum(BUNDLE_SOURCES) }).strict(), bundleExport, { audited: true }),
  /**
   * A bundle file from another desk. Its signer must be a key this desk trusts (its own, a signer
   * it trusted before, or a key of a bundle it trusted); a first import names the fingerprint
   * the operator confirmed by telephone or in person.
   */
  'verify.importBundle': mutation(
    'keys.manage',
    z.object({ bundle: z.string().min(2).max(MAX_BUNDLE_CHARS), confirmFingerprint: z.string().trim().max(64).optional() }).strict(),
    importReport,
  ),
};
