import type { Queryable } from '../store/database';
import type { UploadFile } from './application-input';

/** An application's uploads (table `verification_uploads`): content sealed, wiped some days after the decision. */
export interface UploadRow {
  id: number;
  application_id: number;
  kind: UploadFile['kind'];
  media_type: UploadFile['mediaType'];
  size: number;
  sha256: string;
  purged_at: string | null;
}

export async function insertUpload(tx: Queryable, applicationId: number, f: UploadFile, contentSealed: Buffer): Promise<void> {
  await tx.run('INSERT INTO verification_uploads (application_id, kind, media_type, size, sha256, content_sealed) VALUES (?,?,?,?,?,?)', [
    applicationId,
    f.kind,
    f.mediaType,
    f.bytes.length,
    f.sha256,
    contentSealed,
  ]);
}

export function uploadsOf(db: Queryable, applicationId: number) {
  return db.all<UploadRow>(
    'SELECT id, application_id, kind, media_type, size, sha256, purged_at FROM verification_uploads WHERE application_id = ? ORDER BY id',
    [applicationId],
  );
}

/** One upload of the application with its sealed content (null once purged). */
export function findUploadContent(db: Queryable, applicationId: number, uploadId: number) {
  return db.get<{ kind: UploadFile['kind']; media_type: UploadFile['mediaType']; sha256: string; content_sealed: Buffer | null }>(
    'SELECT kind, media_type, sha256, content_sealed FROM verification_uploads WHERE id = ? AND application_id = ?',
    [uploadId, applicationId],
  );
}

/** Applications decided by `cutoff` whose uploads still hold content, with how many do. */
export function uploadsDueForPurge(db: Queryable, cutoff: string) {
  return db.all<{ application_id: number; n: number }>(
    `SELECT u.application_id, count(*) AS n FROM verification_uploads u JOIN verification_applications a ON a.id = u.application_id
     WHERE u.content_sealed IS NOT NULL AND a.decided_at IS NOT NULL AND a.decided_at <= ? GROUP BY u.application_id`,
    [cutoff],
  );
}

/** Wipes the content of an application's uploads; their digest, type, size and the purge time stay. */
export async function purgeUploadContent(tx: Queryable, applicationId: number, now: Date): Promise<void> {
  await tx.run('UPDATE verification_uploads SET content_sealed = NULL, purged_at = ? WHERE application_id = ? AND content_sealed IS NOT NULL', [
    now.toISOString(),
    applicationId,
  ]);
}
