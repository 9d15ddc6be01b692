import fs from 'node:fs';
import path from 'node:path';
import type { Database } from './database';
import { PostgresDatabase } from './postgres-database';
import { SqliteDatabase } from './sqlite-database';
import type { StoreLocation } from './store-location';

export const STORE_FILE = 'desk.sqlite';

type PostgresLocation = Extract<StoreLocation, { engine: 'postgres' }>;

/** A PostgreSQL store the desk could not open, in one sentence naming the server and the cause. */
export class StoreUnreachableError extends Error {
  constructor(location: PostgresLocation, cause: unknown) {
    super(`The store at PostgreSQL ${location.host}:${location.port} could not be opened: ${causeOf(location, cause)}.`);
    this.name = 'StoreUnreachableError';
  }
}

function causeOf(l: PostgresLocation, err: unknown): string {
  const code = String((err as { code?: unknown })?.code ?? '');
  const message = String((err as Error)?.message ?? err);
  if (code === 'ECONNREFUSED') return 'the server refused the connection (is PostgreSQL running and listening on that address?)';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `the host name "${l.host}" does not resolve`;
  if (code === '28P01') return `password authentication failed for user "${l.user}"`;
  if (code === '28000' && /role .* does not exist/.test(message)) return `there is no role "${l.user}" on the server`;
  if (code === '28000') return `the server does not let user "${l.user}" connect to "${l.database}" (pg_hba.conf)`;
  if (code === '3D000') return `there is no database "${l.database}" (create it first: createdb -O ${l.user} ${l.database})`;
  if (code === '42501') return `user "${l.user}" may not connect to "${l.database}"`;
  if (code === '57P03') return 'the server is starting up or shutting down';
  if (/timeout/i.test(message) || code === 'ETIMEDOUT') return 'the server did not answer within 5 seconds';
  return message.replace(/\/\/[^@\s]*@/g, '//');
}

/**
 * Opens the store a location names. PostgreSQL is reached before anything is written anywhere,
 * so a wrong address leaves no trace; SQLite's file is created in the data directory.
 */
export async function openStore(location: StoreLocation, dataDir: string, onIdleError?: (err: Error) => void): Promise<Database> {
  if (location.engine === 'postgres') {
    try {
      return await PostgresDatabase.open(location, onIdleError);
    } catch (err) {
      throw new StoreUnreachableError(location, err);
    }
  }
  const file = path.join(dataDir, STORE_FILE);
  const db = await SqliteDatabase.open(file);
  fs.chmodSync(file, 0o600);
  return db;
}
