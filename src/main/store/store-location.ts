import path from 'node:path';

/** Where a desk's store lives: the embedded SQLite file in the data directory, or a PostgreSQL database. */
export type StoreLocation = { engine: 'sqlite' } | { engine: 'postgres'; url: string; host: string; port: number; database: string; user: string };

export const SQLITE_STORE: StoreLocation = { engine: 'sqlite' };

export const STORE_URL_FORM = 'postgres://user[:password]@host[:port]/database';

export class StoreLocationError extends Error {
  constructor(problem: string) {
    super(`--store: ${problem}; expected ${STORE_URL_FORM} (or leave it out for the SQLite file in the data directory)`);
    this.name = 'StoreLocationError';
  }
}

/** `--store` (or DESK_STORE_URL) read into a location, every wrong part named. Absent: SQLite. */
export function parseStoreLocation(text: string | undefined): StoreLocation {
  if (text === undefined || text.trim() === '') return SQLITE_STORE;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new StoreLocationError(`"${redact(text)}" is not a URL`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new StoreLocationError(`the scheme "${url.protocol.replace(/:$/, '')}" is not postgres`);
  }
  if (!url.hostname) throw new StoreLocationError('the host is missing');
  const port = url.port === '' ? 5432 : Number(url.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new StoreLocationError(`the port "${url.port}" is not 1-65535`);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database) throw new StoreLocationError('the database name is missing (the path after the host)');
  if (database.includes('/')) throw new StoreLocationError(`"${database}" is not a database name`);
  const user = decodeURIComponent(url.username);
  if (!user) throw new StoreLocationError('the user is missing (user@ before the host)');
  return { engine: 'postgres', url: text, host: url.hostname, port, database, user };
}

/** How a location is named in messages and logs: never with its password. */
export function describeStore(location: StoreLocation, dataDir: string, file: string): string {
  if (location.engine === 'sqlite') return `SQLite ${path.join(dataDir, file)}`;
  return `PostgreSQL ${location.user}@${location.host}:${location.port}/${location.database}`;
}

function redact(text: string): string {
  return text.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
}
