import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { STORE_FILE } from '../../src/main/store/open-store';
import { SQLITE_STORE, type StoreLocation, parseStoreLocation } from '../../src/main/store/store-location';

/** The store a test desk runs on, as this run's project chose it (vitest.config.ts). */
export interface TestStore {
  location: StoreLocation;
  engine: StoreLocation['engine'];
  /** What a child process (the built headless shell, a CLI) adds to its arguments to open the same store. */
  args: string[];
}

/** Written into a PostgreSQL test desk's data directory, so that reopening the directory reopens its database. */
const POINTER = 'test-store.json';

export const testEngine = (): StoreLocation['engine'] => inject('store') ?? 'sqlite';

const sqlite: TestStore = { location: SQLITE_STORE, engine: 'sqlite', args: [] };

function postgresAt(database: string): TestStore {
  const location = parseStoreLocation(`${inject('pgBase')}/${database}`);
  return { location, engine: 'postgres', args: ['--store', (location as { url: string }).url] };
}

const created: string[] = [];
/** A superuser's connection to the PostgreSQL project's cluster (its `postgres` database), for creating and dropping databases. */
export async function asSuperuser<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `${inject('pgBase')}/postgres` });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** This worker's databases go when its file is done; the cluster itself goes when the run is. */
afterAll(async () => {
  if (!created.length) return;
  const names = created.splice(0);
  await asSuperuser(async (c) => {
    for (const name of names) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
});

async function newDatabase(dir: string, o: { template?: string; keep?: boolean } = {}): Promise<TestStore> {
  const name = `desk_${crypto.randomBytes(6).toString('hex')}`;
  await asSuperuser((c) => c.query(`CREATE DATABASE "${name}"${o.template ? ` TEMPLATE "${o.template}" STRATEGY FILE_COPY` : ''}`));
  if (!o.keep) created.push(name);
  fs.writeFileSync(path.join(dir, POINTER), JSON.stringify({ database: name }));
  return postgresAt(name);
}

const databaseOf = (dir: string): string => (JSON.parse(fs.readFileSync(path.join(dir, POINTER), 'utf8')) as { database: string }).database;

export const testStore = {
  /** An empty store for a desk made from nothing. */
  fresh: (dir: string): Promise<TestStore> => (testEngine() === 'sqlite' ? Promise.resolve(sqlite) : newDatabase(dir)),
  /** The store a worker's template desk is built in (kept for the whole run). */
  template: (dir: string): Promise<TestStore> => (testEngine() === 'sqlite' ? Promise.resolve(sqlite) : newDatabase(dir, { keep: true })),
  /** A copy of the template's store for one test. */
  async copy(templateDir: string, dir: string): Promise<TestStore> {
    if (testEngine() === 'sqlite') {
      fs.copyFileSync(path.join(templateDir, STORE_FILE), path.join(dir, STORE_FILE));
      return sqlite;
    }
    return newDatabase(dir, { template: databaseOf(templateDir) });
  },
  /** The store already under a data directory. */
  reopen: (dir: string): TestStore => (fs.existsSync(path.join(dir, POINTER)) ? postgresAt(databaseOf(dir)) : sqlite),
};
