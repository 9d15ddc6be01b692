import crypto from 'node:crypto';
import { test } from '@playwright/test';
import pg from 'pg';
import { E2E_PG_BASE_ENV } from '../support/headless-desk';

/** What a project's desks run on, set per project in playwright.config.ts (`use: { store }`). */
export type DeskStore = 'sqlite' | 'postgres';
export interface DeskOptions {
  store: DeskStore;
}

/** A PostgreSQL store's passphrase is never generated: every e2e desk on PostgreSQL is given this one. */
export const E2E_PASSPHRASE = 'e2e-postgres-desk-passphrase-0123456789';

/** The store of the project the running test belongs to (for desks started outside the `desk` fixture). */
export function projectStore(): DeskStore {
  return (test.info().project.use as Partial<DeskOptions>).store ?? 'sqlite';
}

/** A database of its own for one desk in the run's cluster, and what the desk needs to open it. */
export async function freshPostgresStore(): Promise<{ args: string[]; env: Record<string, string> }> {
  const base = process.env[E2E_PG_BASE_ENV];
  if (!base) throw new Error(`${E2E_PG_BASE_ENV} is unset: no PostgreSQL cluster was started for this run (test/e2e/postgres-global-setup.ts)`);
  const database = `desk_e2e_${crypto.randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: `${base}/postgres` });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
  return { args: ['--store', `${base}/${database}`], env: { DESK_PASSPHRASE: E2E_PASSPHRASE } };
}
