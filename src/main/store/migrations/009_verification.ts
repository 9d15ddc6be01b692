import type { Migration } from '../migrate';

/**
 * Manual identity verification (alumni) and contact-change applications.
 *
 * - `staff_departments`: the departments (schools) a reviewer decides for.
 * - `academic_vacations`: winter and summer vacations per academic year, which the 7-working-day
 *   review deadline skips (the client registry's deadline does not: the NIC works through them).
 * - `verification_applications`: one row per application. PII is sealed with a blind index
 *   (`doc_index`) and kept masked for screens. A decided row is final: triggers refuse any
 *   change to it and its deletion.
 * - `verification_uploads`: the ID photo and proofs, sealed (AES-256-GCM under a key derived from
 *   the data key, the upload's id as associated data); `content_sealed` is wiped N days after
 *   the decision, `sha256` and `purged_at` stay.
 * - `verification_events`: each application's history, append-only.
 * - `graduate_registry`: the graduates reviewers match applications against (document as blind
 *   index and mask only: the registry never needs the number back).
 */
export const verification: Migration = {
  version: 9,
  name: 'verification',
  async up(tx) {
    await tx.exec(`
      CREATE TABLE staff_departments (
        staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
        department TEXT NOT NULL,
        PRIMARY KEY (staff_id, department)
      ) WITHOUT ROWID;

      CREATE TABLE academic_vacations (
        academic_year TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('winter','summer')),
        starts_on TEXT NOT NULL,
        ends_on TEXT NOT NULL CHECK (ends_on >= starts_on),
        PRIMARY KEY (academic_year, kind)
      ) WITHOUT ROWID;

      CREATE TABLE verification_applications (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('alumni','contact_change')),
        department TEXT NOT NULL,
        real_name TEXT NOT NULL,
        doc_type TEXT NOT NULL,
        doc_sealed TEXT NOT NULL,
        doc_index TEXT NOT NULL,
        doc_masked TEXT NOT NULL,
        mobile_sealed TEXT,
        mobile_masked TEXT,
        email_sealed TEXT,
        email_masked TEXT,
        language TEXT NOT NULL CHECK (language IN ('zh-CN','en')),
        school TEXT,
        enrolled_year INTEGER,
        graduated_year INTEGER,
        major TEXT,
        degree TEXT CHECK (degree IN ('bachelor','master','doctor')),
        account_id INTEGER REFERENCES accounts(id),
        channel TEXT NOT NULL CHECK (channel IN ('counter','online')),
        online_id TEXT UNIQUE,
        taken_by TEXT NOT NULL,
        desk TEXT,
        document_checked INTEGER NOT NULL CHECK (document_checked IN (0,1)),
        submitted_at TEXT NOT NULL,
        submitted_on TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted','approved','rejected','withdrawn')),
        decision_reason TEXT,
        decision_note TEXT,
        decided_by TEXT,
        decided_at TEXT,
        created_account_id INTEGER REFERENCES accounts(id),
        CHECK ((kind = 'alumni') = (school IS NOT NULL)),
        CHECK ((kind = 'contact_change') = (account_id IS NOT NULL)),
        CHECK ((channel = 'online') = (online_id IS NOT NULL)),
        CHECK ((status = 'submitted') = (decided_at IS NULL))
      );
      CREATE INDEX verification_queue ON verification_applications(department, status, submitted_at);
      CREATE INDEX verification_by_document ON verification_applications(doc_index, status);
      CREATE INDEX verification_recent ON verification_applications(submitted_at);
      CREATE TRIGGER verification_decisions_are_final BEFORE UPDATE ON verification_applications
        WHEN OLD.status <> 'submitted'
        BEGIN SELECT RAISE(ABORT, 'a decided application never changes'); END;
      CREATE TRIGGER verification_decisions_are_kept BEFORE DELETE ON verification_applications
        WHEN OLD.status <> 'submitted'
        BEGIN SELECT RAISE(ABORT, 'a decided application is never deleted'); END;

      CREATE TABLE verification_uploads (
        id INTEGER PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES verification_applications(id),
        kind TEXT NOT NULL CHECK (kind IN ('id_photo','proof')),
        media_type TEXT NOT NULL CHECK (media_type IN ('image/jpeg','image/png','application/pdf')),
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        content_sealed BLOB,
        purged_at TEXT,
        CHECK ((content_sealed IS NULL) = (purged_at IS NOT NULL))
      );
      CREATE INDEX verification_uploads_by_application ON verification_uploads(application_id);

      CREATE TABLE verification_events (
        id INTEGER PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES verification_applications(id),
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        event TEXT NOT NULL CHECK (event IN ('submitted','imported','approved','rejected','withdrawn','uploads_purged')),
        detail TEXT
      );
      CREATE INDEX verification_events_by_application ON verification_events(application_id, id);
      CREATE TRIGGER verification_events_append_only_u BEFORE UPDATE ON verification_events
        BEGIN SELECT RAISE(ABORT, 'application history is append-only'); END;
      CREATE TRIGGER verification_events_append_only_d BEFORE DELETE ON verification_events
        BEGIN SELECT RAISE(ABORT, 'application history is append-only'); END;

      CREATE TABLE graduate_registry (
        id INTEGER PRIMARY KEY,
        student_number TEXT NOT NULL UNIQUE,
        real_name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        doc_type TEXT NOT NULL,
        doc_index TEXT NOT NULL,
        doc_masked TEXT NOT NULL,
        school TEXT NOT NULL,
        enrolled_year INTEGER NOT NULL,
        graduated_year INTEGER NOT NULL,
        degree TEXT NOT NULL CHECK (degree IN ('bachelor','master','doctor')),
        major TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL
      );
      CREATE INDEX graduate_registry_by_document ON graduate_registry(doc_index);
      CREATE INDEX graduate_registry_by_name ON graduate_registry(name_key, enrolled_year, graduated_year);
    `);
  },
};
