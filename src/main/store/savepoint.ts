import type { Queryable } from './database';

/**
 * Runs `work` inside a savepoint of the transaction `tx`. When it throws, `recover` is asked
 * for what must persist anyway: a step run once the savepoint's writes are undone, whose
 * answer the transaction returns; with no step, the error goes on.
 */
export async function withSavepoint<T, R>(
  tx: Queryable,
  work: () => Promise<T>,
  recover: (err: unknown) => (() => Promise<R>) | null,
): Promise<{ result: T } | { recovered: R }> {
  await tx.exec('SAVEPOINT handler');
  try {
    const result = await work();
    await tx.exec('RELEASE handler');
    return { result };
  } catch (err) {
    const rescue = recover(err);
    if (!rescue) throw err;
    await tx.exec('ROLLBACK TO handler');
    await tx.exec('RELEASE handler');
    return { recovered: await rescue() };
  }
}
