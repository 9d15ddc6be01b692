import type { Logger } from '../log';
import { readVerificationSettings } from './verification-settings';
import type { Store } from '../repositories';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Wipes the content of uploads whose application was decided (or withdrawn) more than the
 * configured number of days ago; their digest, type, size and the purge time stay. Returns
 * how many uploads were wiped.
 */
export async function purgeUploads(store: Store, now: Date): Promise<number> {
  const { purgeAfterDays } = await readVerificationSettings(store.reads);
  const cutoff = new Date(now.getTime() - purgeAfterDays * DAY_MS).toISOString();
  // Looked for before taking the writer: an hourly run with nothing to do writes nothing.
  if ((await store.reads.uploads.uploadsDueForPurge(cutoff)).length === 0) return 0;
  return store.write(async (repos) => {
    const due = await repos.uploads.uploadsDueForPurge(cutoff);
    let wiped = 0;
    for (const { application_id, n } of due) {
      await repos.uploads.purgeUploadContent(application_id, now);
      await repos.applications.recordEvent(application_id, 'system', 'uploads_purged', `${n}`, now);
      wiped += n;
    }
    return wiped;
  });
}

/** Runs the purge now and then every `intervalMs` (hourly by default); the stop function waits for a run in progress. */
export function startUploadPurge(store: Store, clock: () => Date, log: Logger, intervalMs = 60 * 60 * 1000): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const run = () => {
    if (running) return;
    running = purgeUploads(store, clock())
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
