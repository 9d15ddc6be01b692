import type { Migration } from '../migrate';

/**
 * The client registry: jAccount interface applications, the OAuth clients issued for them,
 * their secrets (HMAC-SHA-256 only; at most a current and a previous one per client) and the
 * working calendar that service deadlines are counted on. List-valued columns hold JSON arrays;
 * the contact's email and phone are sealed with the data key.
 */
export const clients: Migration = {
  version: 5,
  name: 'clients',
  async up(tx) {
    await tx.exec(`
      CREATE TABLE client_applications (
        id INTEGER PRIMARY KEY,
        app_name TEXT NOT NULL,
        department TEXT NOT NULL,
        purpose TEXT NOT NULL,
        homepage TEXT NOT NULL,
        client_type TEXT NOT NULL CHECK (client_type IN ('confidential','public')),
        token_endpoint_auth_method TEXT NOT NULL
          CHECK (token_endpoint_auth_method IN ('client_secret_basic','client_secret_post','none')),
        grant_types TEXT NOT NULL,
        scopes TEXT NOT NULL,
        redirect_uris TEXT NOT NULL,
        post_logout_redirect_uris TEXT NOT NULL,
        contact_name TEXT NOT NULL,
        contact_email_sealed TEXT NOT NULL,
        contact_phone_sealed TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('submitted','leader_approved','approved','rejected')),
        submitted_at TEXT NOT NULL,
        submitted_by TEXT NOT NULL,
        leader_name TEXT,
        leader_approved_on TEXT,
        leader_recorded_at TEXT,
        leader_recorded_by TEXT,
        processed_at TEXT,
        processed_by TEXT,
        rejection_reason TEXT,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX client_applications_by_department ON client_applications(department);

      CREATE TABLE clients (
        client_id TEXT PRIMARY KEY,
        application_id INTEGER NOT NULL UNIQUE REFERENCES client_applications(id),
        client_name TEXT NOT NULL,
        client_type TEXT NOT NULL CHECK (client_type IN ('confidential','public')),
        token_endpoint_auth_method TEXT NOT NULL
          CHECK (token_endpoint_auth_method IN ('client_secret_basic','client_secret_post','none')),
        grant_types TEXT NOT NULL,
        scopes TEXT NOT NULL,
        redirect_uris TEXT NOT NULL,
        post_logout_redirect_uris TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('enabled','disabled','deleted')),
        status_reason TEXT,
        issued_at TEXT NOT NULL,
        issued_by TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TRIGGER clients_id_is_permanent BEFORE UPDATE OF client_id ON clients
        WHEN NEW.client_id IS NOT OLD.client_id
        BEGIN SELECT RAISE(ABORT, 'a clientId never changes'); END;
      CREATE TRIGGER clients_deleted_is_final BEFORE UPDATE ON clients
        WHEN OLD.status = 'deleted'
        BEGIN SELECT RAISE(ABORT, 'a deleted client stays deleted'); END;

      CREATE TABLE client_secrets (
        client_id TEXT NOT NULL REFERENCES clients(client_id) ON DELETE CASCADE,
        slot TEXT NOT NULL CHECK (slot IN ('current','previous')),
        hash TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT,
        PRIMARY KEY (client_id, slot),
        CHECK ((slot = 'current') = (expires_at IS NULL))
      ) WITHOUT ROWID;

      CREATE TABLE working_calendar (
        date TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('holiday','workday')),
        name TEXT NOT NULL DEFAULT ''
      ) WITHOUT ROWID;
    `);
  },
};
