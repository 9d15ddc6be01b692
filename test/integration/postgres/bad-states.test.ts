import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDesk } from '../../../src/main/desk';
import { StoreFromTheFutureError } from '../../../src/main/store/migrate';
import { StoreUnreachableError } from '../../../src/main/store/open-store';
import { parseStoreLocation } from '../../../src/main/store/store-location';
import { type TestStore, openTestDesk, signInFirstAdmin, tempDir, testProtector } from '../../support/desk-fixture';
import { TEST_KDF } from '../../support/kdf';
import { type Cluster, freePort, startCluster } from '../../support/postgres-cluster';

/** A cluster of this file's own: it is stopped and started under a running desk. */
let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster({ hba: ['host all pwuser 127.0.0.1/32 scram-sha-256'] });
  await sql('postgres', "CREATE ROLE pwuser LOGIN PASSWORD 'right-password'");
  await sql('postgres', 'CREATE DATABASE pwdb OWNER pwuser');
}, 60_000);
afterAll(() => {
  cluster.stop();
  fs.rmSync(cluster.dir, { recursive: true, force: true });
});

async function sql(database: string, text: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: `${cluster.base}/${database}` });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

let n = 0;
async function newDatabase(): Promise<string> {
  const name = `bad_${process.pid}_${n++}`;
  await sql('postgres', `CREATE DATABASE ${name}`);
  return name;
}

const storeAt = (database: string): TestStore => ({ location: parseStoreLocation(`${cluster.base}/${database}`), engine: 'postgres', args: [] });

const open = (url: string, dataDir = tempDir()) =>
  openDesk({ dataDir, protector: testProtector(), kdf: TEST_KDF, store: parseStoreLocation(url), log: { info() {}, error() {} } });

async function startFailure(url: string): Promise<{ err: Error; dataDir: string }> {
  const dataDir = path.join(tempDir(), 'never-made');
  const err = await open(url, dataDir).then(
    () => {
      throw new Error('opened');
    },
    (e: Error) => e,
  );
  return { err, dataDir };
}

describe('PostgreSQL unreachable at start', () => {
  it.each([
    ['refused', async () => `postgres://postgres@127.0.0.1:${await freePort()}/x`, /127\.0\.0\.1:\d+ .*refused the connection/],
    ['no such database', async () => `${cluster.base}/no_such_db`, /there is no database "no_such_db"/],
    ['no such role', async () => `postgres://nobody@127.0.0.1:${cluster.port}/postgres`, /there is no role "nobody"/],
    ['wrong password', async () => `postgres://pwuser:wrong@127.0.0.1:${cluster.port}/pwdb`, /password authentication failed for user "pwuser"/],
  ])('%s: one sentence naming the server and the cause, and no data directory made', async (_, url, cause) => {
    const { err, dataDir } = await startFailure(await url());
    expect(err).toBeInstanceOf(StoreUnreachableError);
    expect(err.message).toMatch(/^The store at PostgreSQL 127\.0\.0\.1:\d+ could not be opened: /);
    expect(err.message).toMatch(cause);
    expect(err.message).not.toContain('wrong');
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('the built shell says it in one line and exits non-zero', () => {
    const dataDir = path.join(tempDir(), 'never-made');
    const run = spawnSync(process.execPath, ['out/main/serve.js', '--data-dir', dataDir, '--port', '0', '--portal-port', '0', '--store', `${cluster.base}/no_such_db`], {
      env: { ...process.env, DESK_PASSPHRASE: 'a-passphrase-for-this-test-only-0123' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    // oidc-provider's own notice about the Node version is not the desk's to silence.
    expect(run.stderr.trim().split('\n').filter((line) => !line.startsWith('oidc-provider WARNING'))).toEqual([
      `jAccount Service Desk could not start: The store at PostgreSQL 127.0.0.1:${cluster.port} could not be opened: there is no database "no_such_db" (create it first: createdb -O postgres no_such_db).`,
    ]);
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('a bad --store value names the part and the form expected', () => {
    const run = spawnSync(process.execPath, ['out/main/serve.js', '--data-dir', tempDir(), '--store', 'postgres://127.0.0.1:5432/jaccount'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--store: the user is missing (user@ before the host); expected postgres://user[:password]@host[:port]/database');
  });
});

describe('a store from a newer desk', () => {
  it('is refused, and left untouched', async () => {
    const db = await newDatabase();
    const desk = await open(`${cluster.base}/${db}`);
    await desk.close();
    await sql(db, 'UPDATE desk_schema_version SET version = 99');
    const before = await sql(db, "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2");
    const audit = await sql(db, 'SELECT count(*) AS n FROM audit_log');
    const err = await open(`${cluster.base}/${db}`).catch((e: Error) => e);
    expect(err).toBeInstanceOf(StoreFromTheFutureError);
    expect(await sql(db, 'SELECT version FROM desk_schema_version')).toEqual([{ version: 99 }]);
    expect(await sql(db, "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2")).toEqual(before);
    expect(await sql(db, 'SELECT count(*) AS n FROM audit_log')).toEqual(audit);
  });
});

describe('the connection lost while serving', () => {
  it('answers store-unavailable, writes nothing by halves, and recovers when PostgreSQL is back', async () => {
    const db = await newDatabase();
    const t = await openTestDesk(undefined, { realTime: true, store: storeAt(db) });
    const desk = t.desk;
    try {
      const { jar } = await signInFirstAdmin(t);
      const verify = () => desk.router.call('audit.verify', {}, jar);
      const before = await verify();
      expect(before.ok).toBe(true);

      // Traffic while the server goes down and comes back: every call either succeeds or says the store is unavailable.
      const outcomes: string[] = [];
      let running = true;
      const traffic = (async () => {
        while (running) {
          const env = await desk.router.call('audit.verify', {}, jar);
          outcomes.push(env.ok ? 'ok' : env.error.code);
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      await new Promise((r) => setTimeout(r, 200));
      cluster.stop();
      await new Promise((r) => setTimeout(r, 500));
      const down = await verify();
      expect(down).toMatchObject({ ok: false, error: { code: 'STORE_UNAVAILABLE' } });
      cluster.start();
      let after = await verify();
      for (let i = 0; i < 50 && !after.ok; i++) {
        await new Promise((r) => setTimeout(r, 100));
        after = await verify();
      }
      running = false;
      await traffic;
      expect(new Set(outcomes)).toEqual(new Set(['ok', 'STORE_UNAVAILABLE']));
      // One chain, whole: every verify that succeeded was audited, none by halves.
      expect(after).toMatchObject({ ok: true, value: { ok: true, firstBroken: null } });
    } finally {
      await desk.close();
    }
  });
});
