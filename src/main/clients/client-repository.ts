import type { ApplicationState, AuthMethod, ClientStatus, ClientType } from '../../shared/contract/clients';
import type { GrantType, Scope } from '../../shared/oauth/scopes';
import type { Queryable } from '../store/database';

/** The SQL of the client registry. List-valued columns are JSON arrays. */

export interface ApplicationRow {
  id: number;
  app_name: string;
  department: string;
  purpose: string;
  homepage: string;
  client_type: ClientType;
  token_endpoint_auth_method: AuthMethod;
  grant_types: string;
  scopes: string;
  redirect_uris: string;
  post_logout_redirect_uris: string;
  contact_name: string;
  contact_email_sealed: string;
  contact_phone_sealed: string;
  state: ApplicationState;
  submitted_at: string;
  submitted_by: string;
  leader_name: string | null;
  leader_approved_on: string | null;
  leader_recorded_at: string | null;
  leader_recorded_by: string | null;
  processed_at: string | null;
  processed_by: string | null;
  rejection_reason: string | null;
  updated_at: string;
}

export interface ClientRow {
  client_id: string;
  application_id: number;
  client_name: string;
  client_type: ClientType;
  token_endpoint_auth_method: AuthMethod;
  grant_types: string;
  scopes: string;
  redirect_uris: string;
  post_logout_redirect_uris: string;
  status: ClientStatus;
  status_reason: string | null;
  issued_at: string;
  issued_by: string;
  updated_at: string;
}

export interface SecretRow {
  client_id: string;
  slot: 'current' | 'previous';
  hash: string;
  fingerprint: string;
  created_at: string;
  expires_at: string | null;
}

/** A list row: the application with its client's id and status, if one was issued. */
export type ListedRow = ApplicationRow & { client_id: string | null; client_status: ClientStatus | null };

export function parseList<T extends string>(json: string): T[] {
  return JSON.parse(json) as T[];
}

type ShapeColumns = 'client_type' | 'token_endpoint_auth_method' | 'grant_types' | 'scopes' | 'redirect_uris' | 'post_logout_redirect_uris';

/** What an application asked for, or what its client was issued with, the lists parsed. */
export function shapeOf(row: Pick<ApplicationRow, ShapeColumns> | Pick<ClientRow, ShapeColumns>) {
  return {
    clientType: row.client_type,
    tokenEndpointAuthMethod: row.token_endpoint_auth_method,
    grantTypes: parseList<GrantType>(row.grant_types),
    scopes: parseList<Scope>(row.scopes),
    redirectUris: parseList(row.redirect_uris),
    postLogoutRedirectUris: parseList(row.post_logout_redirect_uris),
  };
}

export interface NewApplication {
  appName: string;
  department: string;
  purpose: string;
  homepage: string;
  clientType: ClientType;
  tokenEndpointAuthMethod: AuthMethod;
  grantTypes: readonly GrantType[];
  scopes: readonly Scope[];
  redirectUris: readonly string[];
  postLogoutRedirectUris: readonly string[];
  contactName: string;
  contactEmailSealed: string;
  contactPhoneSealed: string;
}

export async function insertApplication(tx: Queryable, app: NewApplication, actor: string, now: Date): Promise<number> {
  const at = now.toISOString();
  const inserted = await tx.get<{ id: number }>(
    `INSERT INTO client_applications (app_name, department, purpose, homepage, client_type, token_endpoint_auth_method,
       grant_types, scopes, redirect_uris, post_logout_redirect_uris, contact_name, contact_email_sealed, contact_phone_sealed,
       state, submitted_at, submitted_by, updated_at)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,'submitted',?,?,?) RETURNING id`,
    [
      app.appName,
      app.department,
      app.purpose,
      app.homepage,
      app.clientType,
      app.tokenEndpointAuthMethod,
      JSON.stringify(app.grantTypes),
      JSON.stringify(app.scopes),
      JSON.stringify(app.redirectUris),
      JSON.stringify(app.postLogoutRedirectUris),
      app.contactName,
      app.contactEmailSealed,
      app.contactPhoneSealed,
      at,
      actor,
      at,
    ],
  );
  return inserted!.id;
}

export function findApplication(db: Queryable, id: number): Promise<ApplicationRow | undefined> {
  return db.get<ApplicationRow>('SELECT * FROM client_applications WHERE id = ?', [id]);
}

export function listApplications(db: Queryable): Promise<ListedRow[]> {
  return db.all<ListedRow>(
    `SELECT a.*, c.client_id, c.status AS client_status
       FROM client_applications a LEFT JOIN clients c ON c.application_id = a.id
      ORDER BY a.id DESC`,
  );
}

export async function recordLeaderApproval(
  tx: Queryable,
  id: number,
  approval: { leaderName: string; approvedOn: string },
  actor: string,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await tx.run(
    `UPDATE client_applications SET state = 'leader_approved', leader_name = ?, leader_approved_on = ?, leader_recorded_at = ?,
       leader_recorded_by = ?, updated_at = ? WHERE id = ?`,
    [approval.leaderName, approval.approvedOn, at, actor, at, id],
  );
}

export async function markProcessed(
  tx: Queryable,
  id: number,
  outcome: { state: 'approved' | 'rejected'; rejectionReason: string | null },
  actor: string,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await tx.run(
    'UPDATE client_applications SET state = ?, processed_at = ?, processed_by = ?, rejection_reason = ?, updated_at = ? WHERE id = ?',
    [outcome.state, at, actor, outcome.rejectionReason, at, id],
  );
}

export async function insertClient(tx: Queryable, row: ClientRow): Promise<void> {
  await tx.run(
    `INSERT INTO clients (client_id, application_id, client_name, client_type, token_endpoint_auth_method, grant_types, scopes,
       redirect_uris, post_logout_redirect_uris, status, status_reason, issued_at, issued_by, updated_at)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    [
      row.client_id,
      row.application_id,
      row.client_name,
      row.client_type,
      row.token_endpoint_auth_method,
      row.grant_types,
      row.scopes,
      row.redirect_uris,
      row.post_logout_redirect_uris,
      row.status,
      row.status_reason,
      row.issued_at,
      row.issued_by,
      row.updated_at,
    ],
  );
}

export function findClientOf(db: Queryable, applicationId: number): Promise<ClientRow | undefined> {
  return db.get<ClientRow>('SELECT * FROM clients WHERE application_id = ?', [applicationId]);
}

/** The client, only while it is enabled: the token service knows no other. */
export function findEnabledClient(db: Queryable, clientId: string): Promise<ClientRow | undefined> {
  return db.get<ClientRow>("SELECT * FROM clients WHERE client_id = ? AND status = 'enabled'", [clientId]);
}

/** The secrets of a client that is enabled; none for any other. */
export function enabledClientSecrets(db: Queryable, clientId: string): Promise<{ hash: string; expiresAt: string | null }[]> {
  return db.all<{ hash: string; expiresAt: string | null }>(
    `SELECT s.hash, s.expires_at AS "expiresAt" FROM client_secrets s JOIN clients c ON c.client_id = s.client_id
      WHERE s.client_id = ? AND c.status = 'enabled'`,
    [clientId],
  );
}

export async function updateClientLists(
  tx: Queryable,
  clientId: string,
  lists: { redirectUris: readonly string[]; postLogoutRedirectUris: readonly string[]; scopes: readonly Scope[] },
  now: Date,
): Promise<void> {
  await tx.run('UPDATE clients SET redirect_uris = ?, post_logout_redirect_uris = ?, scopes = ?, updated_at = ? WHERE client_id = ?', [
    JSON.stringify(lists.redirectUris),
    JSON.stringify(lists.postLogoutRedirectUris),
    JSON.stringify(lists.scopes),
    now.toISOString(),
    clientId,
  ]);
}

export async function setClientStatus(
  tx: Queryable,
  clientId: string,
  status: ClientStatus,
  reason: string | null,
  now: Date,
): Promise<void> {
  await tx.run('UPDATE clients SET status = ?, status_reason = ?, updated_at = ? WHERE client_id = ?', [
    status,
    reason,
    now.toISOString(),
    clientId,
  ]);
}

export function secretsOf(db: Queryable, clientId: string): Promise<SecretRow[]> {
  return db.all<SecretRow>("SELECT * FROM client_secrets WHERE client_id = ? ORDER BY slot = 'previous', created_at", [clientId]);
}

export async function deleteSecrets(tx: Queryable, clientId: string, slot?: SecretRow['slot']): Promise<void> {
  if (slot) await tx.run('DELETE FROM client_secrets WHERE client_id = ? AND slot = ?', [clientId, slot]);
  else await tx.run('DELETE FROM client_secrets WHERE client_id = ?', [clientId]);
}

export async function insertSecret(tx: Queryable, row: SecretRow): Promise<void> {
  await tx.run('INSERT INTO client_secrets (client_id, slot, hash, fingerprint, created_at, expires_at) VALUES (?,?,?,?,?,?)', [
    row.client_id,
    row.slot,
    row.hash,
    row.fingerprint,
    row.created_at,
    row.expires_at,
  ]);
}

/** The current secret becomes the previous one, valid until `expiresAt`. */
export async function demoteCurrentSecret(tx: Queryable, clientId: string, expiresAt: string): Promise<void> {
  await tx.run("UPDATE client_secrets SET slot = 'previous', expires_at = ? WHERE client_id = ? AND slot = 'current'", [
    expiresAt,
    clientId,
  ]);
}

/** The departments of earlier applications, each once, in no particular order. */
export function applicationDepartments(db: Queryable): Promise<{ department: string }[]> {
  return db.all<{ department: string }>('SELECT DISTINCT department FROM client_applications');
}
