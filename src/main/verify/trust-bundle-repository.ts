import type { Queryable } from '../store/database';

/** The SQL of imported trust bundles (trust_bundles) and the signers they were trusted by (trust_bundle_signers). */

export async function isKnownSigner(db: Queryable, kid: string): Promise<boolean> {
  return (await db.get('SELECT 1 AS known FROM trust_bundle_signers WHERE kid = ?', [kid])) !== undefined;
}

/** The JSON text of the bundle made last of those imported. */
export async function latestBundleText(db: Queryable): Promise<string | null> {
  return (await db.get<{ bundle: string }>('SELECT bundle FROM trust_bundles ORDER BY made_at DESC, id DESC LIMIT 1'))?.bundle ?? null;
}

/** The signer, unless it is trusted already (then as it was first trusted). */
export async function insertSignerIfNew(tx: Queryable, signer: { kid: string; jwkJson: string }, by: string, now: Date): Promise<void> {
  await tx.run('INSERT INTO trust_bundle_signers (kid, jwk, trusted_at, trusted_by) VALUES (?, ?, ?, ?) ON CONFLICT (kid) DO NOTHING', [
    signer.kid,
    signer.jwkJson,
    now.toISOString(),
    by,
  ]);
}

export async function insertBundle(
  tx: Queryable,
  bundle: { signerKid: string; madeAt: string; json: string },
  by: string,
  now: Date,
): Promise<void> {
  await tx.run('INSERT INTO trust_bundles (signer_kid, made_at, imported_at, imported_by, bundle) VALUES (?, ?, ?, ?, ?)', [
    bundle.signerKid,
    bundle.madeAt,
    now.toISOString(),
    by,
    bundle.json,
  ]);
}
