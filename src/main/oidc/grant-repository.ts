import type { Queryable } from '../store/database';
import { jsonField } from '../store/dialect';

/**
 * The SQL that ends token-service grants from outside oidc-provider (the desk's own actions:
 * a client disabled or deleted, a holder's password reset), in the caller's transaction.
 * A grant goes together with everything stored under it: codes, refresh tokens, opaque access
 * tokens. JWT access tokens are not stored; they run out within their lifetime.
 */

/** The models that name their client (`clientId`) or their account (`accountId`) in the payload. */
const ISSUED_MODELS = [
  'Grant',
  'AuthorizationCode',
  'RefreshToken',
  'AccessToken',
  'ClientCredentials',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
  'PushedAuthorizationRequest',
];
const HOLDER_MODELS = ['Session', ...ISSUED_MODELS];

const list = (models: readonly string[]) => models.map(() => '?').join(',');

/** Ends every grant of one client, and what was issued under them, and its unfinished sign-ins; returns how many grants ended. */
export async function revokeClientGrants(tx: Queryable, clientId: string): Promise<number> {
  const client = jsonField(tx.engine, 'payload', 'clientId');
  const grants = await tx.get<{ n: number }>(`SELECT count(*) AS n FROM oidc_models WHERE model = 'Grant' AND ${client} = ?`, [clientId]);
  await tx.run(
    `DELETE FROM oidc_models WHERE grant_id IN (
       SELECT id FROM oidc_models WHERE model = 'Grant' AND ${client} = ?)`,
    [clientId],
  );
  await tx.run(`DELETE FROM oidc_models WHERE model IN (${list(ISSUED_MODELS)}) AND ${client} = ?`, [...ISSUED_MODELS, clientId]);
  await tx.run(`DELETE FROM oidc_models WHERE model = 'Interaction' AND ${jsonField(tx.engine, 'payload', 'params', 'client_id')} = ?`, [clientId]);
  return grants?.n ?? 0;
}

/** Ends a holder's token-service sessions and grants, with what was issued under them. */
export async function revokeAccountGrants(tx: Queryable, username: string): Promise<void> {
  const account = jsonField(tx.engine, 'payload', 'accountId');
  await tx.run(
    `DELETE FROM oidc_models WHERE grant_id IN (
       SELECT id FROM oidc_models WHERE model = 'Grant' AND ${account} = ?)`,
    [username],
  );
  await tx.run(`DELETE FROM oidc_models WHERE model IN (${list(HOLDER_MODELS)}) AND ${account} = ?`, [...HOLDER_MODELS, username]);
}
