import type { verifyChannels } from '../../shared/contract/verify';
import { DeskError } from '../../shared/errors';
import { BundleFormatError, checkBundle, fingerprintForHumans, parseBundle } from '../../shared/identity-code';
import type { KeyManager } from '../keys/key-manager';
import { type Handlers, requireSession } from '../rpc/context';
import { bundleFileText, describeBundle, makeBundle } from './bundle-maker';
import { findCodeHolder, issueCode } from './code-issuer';
import { isTrustedSigner, latestImported, storeImported } from './trust-store';
import { readVerifySettings, writeVerifySettings } from './verify-settings';

function bundleRefused(reason: string, message: string): DeskError {
  return new DeskError('VALIDATION', `bundle: ${message}`, { fields: [{ path: 'bundle', reason, message }], params: { reason } });
}

const sameFingerprint = (a: string, b: string) => a.replace(/\s+/g, '').toUpperCase() === b.replace(/\s+/g, '').toUpperCase();

export function verifyHandlers(keys: KeyManager): Handlers<keyof typeof verifyChannels> {
  return {
    async 'verify.settings'(_input, ctx) {
      return readVerifySettings(ctx.repos);
    },

    async 'verify.updateSettings'(input, ctx) {
      const before = await readVerifySettings(ctx.repos);
      ctx.audit.detail = Object.fromEntries(
        Object.entries(input).map(([k, v]) => [k, { from: before[k as keyof typeof before], to: v }]),
      );
      await writeVerifySettings(ctx.repos, input);
      return readVerifySettings(ctx.repos);
    },

    async 'verify.issueCode'(input, ctx) {
      ctx.audit.target = `account:${input.username}`;
      const holder = await findCodeHolder(ctx.repos, input.username);
      const { codeTtlSeconds } = await readVerifySettings(ctx.repos);
      const issued = await issueCode(keys, holder, ctx.now, codeTtlSeconds);
      ctx.audit.target = `account:${holder.username}`;
      ctx.audit.detail = { kid: issued.kid, expiresAt: issued.expiresAt, via: 'desk' };
      return issued;
    },

    async 'verify.bundle'(input, ctx) {
      ctx.audit.detail = { source: input.source };
      const bundle = input.source === 'this-desk' ? await makeBundle(ctx.repos, keys, ctx.now) : await latestImported(ctx.repos);
      if (!bundle) {
        throw new DeskError('NOT_FOUND', 'source: no bundle has been imported into this desk yet', {
          fields: [{ path: 'source', reason: 'no_imported_bundle', message: 'no bundle has been imported yet' }],
        });
      }
      ctx.audit.detail = { ...ctx.audit.detail, madeAt: bundle.madeAt, signer: bundle.signer.kid };
      return { bundle: bundleFileText(bundle), ...describeBundle(bundle) };
    },

    async 'verify.importBundle'(input, ctx) {
      const session = requireSession(ctx);
      let bundle;
      try {
        bundle = parseBundle(input.bundle);
      } catch (err) {
        if (!(err instanceof BundleFormatError)) throw err;
        throw new DeskError('VALIDATION', err.message, {
          fields: err.issues.map((i) => ({ path: `bundle.${i.path}`, reason: 'bundle_malformed', message: i.message })),
          params: { reason: 'bundle_malformed' },
        });
      }
      ctx.audit.target = `bundle-signer:${bundle.signer.kid}`;
      ctx.audit.detail = { madeAt: bundle.madeAt };
      const { leewaySeconds, bundleMaxAgeSeconds } = await readVerifySettings(ctx.repos);
      const checked = await checkBundle(bundle, ctx.now, { leewaySeconds, maxBundleAgeSeconds: bundleMaxAgeSeconds });
      if (!checked.ok) {
        const words: Record<string, string> = {
          bundle_bad_signature: 'its signature does not verify with the signer key it names',
          bundle_too_old: `it was made more than ${bundleMaxAgeSeconds} s ago`,
          bundle_from_future: 'it was made in the future (check this desk’s clock)',
        };
        throw bundleRefused(checked.reason, words[checked.reason] ?? checked.reason);
      }
      const described = describeBundle(bundle);
      const trusted = await isTrustedSigner(ctx.repos, bundle.signer.kid);
      if (!trusted) {
        if (!input.confirmFingerprint) {
          throw new DeskError('CONFLICT', 'confirmFingerprint: this desk does not know the bundle’s signer yet; confirm its fingerprint', {
            fields: [{ path: 'confirmFingerprint', reason: 'untrusted_signer', message: 'confirm the signer’s fingerprint' }],
            params: { reason: 'untrusted_signer', fingerprint: described.signerFingerprint },
          });
        }
        if (!sameFingerprint(input.confirmFingerprint, fingerprintForHumans(bundle.signer.kid))) {
          throw new DeskError('VALIDATION', 'confirmFingerprint: it is not the fingerprint of the bundle’s signer', {
            fields: [{ path: 'confirmFingerprint', reason: 'fingerprint_mismatch', message: 'not the signer’s fingerprint' }],
          });
        }
      }
      await storeImported(ctx.repos, bundle, session.staff.username, ctx.now);
      ctx.audit.detail = { ...ctx.audit.detail, firstImport: !trusted, fingerprint: described.signerFingerprint };
      return {
        ...described,
        firstImport: !trusted,
        keys: bundle.keys.length,
        revokedKids: bundle.revokedKids.length,
        revokedAccounts: bundle.accounts.revoked.length,
        suspendedAccounts: bundle.accounts.suspended.length,
      };
    },
  };
}
