import type { Logger } from '../log';
import type { Database } from '../store/database';
import { recordEvent } from './application-repository';
import { purgeUploadContent, uploadsDueForPurge } from './upload-repository';
import { readVerificationSettings } from './verification-settings';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Wipes the content of uploads whose application was decided (or withdrawn) more than the
 * configured number of days ago; their digest, type, size and the purge time stay. Returns
 * how many uploads were wiped.
 */
export async function purgeUploads(db: Database, now: Date): Promise<number> {
  const { purgeAfterDays } = await readVerificationSettings(db.reader);
  const cutoff = new Date(now.getTime() - purgeAfterDays * DAY_MS).toISOString();
  // Looked for before taking the writer: an hourly run with nothing to do writes nothing.
  if ((await uploadsDueForPurge(db.reader, cutoff)).length === 0) return 0;
  return db.write(async (tx) => {
    const due = await uploadsDueForPurge(tx, cutoff);
    let wiped = 0;
    for (const { application_id, n } of due) {
      await purgeUploadContent(tx, application_id, now);
      await recordEvent(tx, application_id, 'system', 'uploads_purged', `${n}`, now);
      wiped += n;
    }
    return wiped;
  });
}

/** Runs the purge now and then every `intervalMs` (hourly by default); the stop function waits for a run in progress. */
export function startUploadPurge(db: Database, clock: () => Date, log: Logger, intervalMs = 60 * 60 * 1000): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const run = () => {
    if (running) return;
    running = purgeUploads(db, clock())
      .then((wiped) => wiped > 0 && log.info('verification.uploads-purged', { wiped }))
      .catch((error: unknown) => log.error('verification.purge', { error }))
      .finally(() => (running = null));
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  run();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
