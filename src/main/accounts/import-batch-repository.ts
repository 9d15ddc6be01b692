import type { Queryable } from '../store/database';

/** One registrar import that was applied (table `import_batches`); returns its id. */
export async function insertImportBatch(
  tx: Queryable,
  b: { fileName: string; fileSha256: string; encoding: string; total: number; created: number; updated: number; unchanged: number; rejected: number; by: string },
  now: Date,
): Promise<number> {
  const row = await tx.get<{ id: number }>(
    `INSERT INTO import_batches (file_name, file_sha256, encoding, rows_total, rows_created, rows_updated, rows_unchanged, rows_rejected, imported_at, imported_by)
     VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id`,
    [b.fileName, b.fileSha256, b.encoding, b.total, b.created, b.updated, b.unchanged, b.rejected, now.toISOString(), b.by],
  );
  return row!.id;
}
