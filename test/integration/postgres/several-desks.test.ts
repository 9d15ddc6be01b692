import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { publishNext } from '../../../src/main/keys/key-lifecycle';
import type { SessionCarrier } from '../../../src/main/rpc/context';
import { asSuperuser } from '../../support/test-store';
import { type TestDesk, cookieJar, openTestDesk, signInFirstAdmin } from '../../support/desk-fixture';

/** A second browser holding the same session cookie: what another desk on the store is handed. */
const holding = (token: string | null): SessionCarrier => ({ token: () => token, set: () => undefined, clear: () => undefined });

async function within<T>(ms: number, probe: () => Promise<T | undefined>): Promise<{ value: T; after: number }> {
  const start = performance.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return { value, after: performance.now() - start };
    if (performance.now() - start > ms) throw new Error(`not seen within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('two desks on one PostgreSQL store', () => {
  const open: TestDesk[] = [];
  afterEach(async () => {
    for (const t of open.splice(0)) await t.close();
  });

  it("see each other's commits through the change feed: a session ended at A is refused at B, a key published at A is in B's set", async () => {
    const a = await openTestDesk();
    open.push(a);
    const b = await openTestDesk(undefined, { store: a.store });
    open.push(b);
    expect(b.desk.db.changes.live).toBe(true);
    const { jar } = await signInFirstAdmin(a);
    const cookie = holding(jar.token());
    // B resolves the session twice: the second from its cache, which only the feed can correct.
    expect(await b.call('auth.session', {}, cookie)).toMatchObject({ staff: { username: 'admin' } });
    expect(await b.call('auth.session', {}, cookie)).toMatchObject({ staff: { username: 'admin' } });

    const before = (await b.desk.keys.signingKeySet()).revision;
    const next = await a.desk.store.write((repos) => publishNext(repos, a.desk.dataKey, { alg: 'EdDSA' }, a.clock.now));
    const seen = await within(2_000, async () => {
      const set = await b.desk.keys.signingKeySet();
      return set.revision !== before ? set : undefined;
    });
    expect(seen.value.publicJwks.keys.map((k) => k.kid)).toContain(next.kid);

    await a.call('auth.signOut', {}, jar);
    const refused = await within(2_000, async () => ((await b.call('auth.session', {}, cookie)) === null ? true : undefined));
    expect(refused.value).toBe(true);
  });

  it('hear of a change made outside any desk (psql): a staff member disabled there loses the session at the next calls', async () => {
    const a = await openTestDesk();
    open.push(a);
    const { jar } = await signInFirstAdmin(a);
    const { oneTimePassword } = await a.call('staff.create', { username: 'op.wang', displayName: 'op.wang', roles: ['counter_operator'] }, jar);
    const op = cookieJar();
    await a.call('auth.signIn', { username: 'op.wang', password: oneTimePassword, desk: 'xuhui' }, op);
    expect(await a.call('auth.session', {}, op)).toMatchObject({ staff: { username: 'op.wang' } });
    await a.call('auth.session', {}, op);

    const database = (a.store.location as { url: string }).url.split('/').pop()!;
    const psql = new pg.Client({ connectionString: `${inject('pgBase')}/${database}` });
    await psql.connect();
    await psql.query("UPDATE staff SET disabled = 1 WHERE username = 'op.wang'");
    await psql.end();
    const refused = await within(2_000, async () => ((await a.call('auth.session', {}, op)) === null ? true : undefined));
    expect(refused.value).toBe(true);
  });

  it('trust nothing they cached while the feed is down, and listen again when it is back', async () => {
    const a = await openTestDesk();
    open.push(a);
    const b = await openTestDesk(undefined, { store: a.store });
    open.push(b);
    const { jar } = await signInFirstAdmin(a);
    const cookie = holding(jar.token());
    await b.call('auth.session', {}, cookie);

    await asSuperuser((c) => c.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'jaccount-desk-feed'"));
    await within(2_000, async () => (b.desk.db.changes.live ? undefined : true));
    // With the feed down, B reads the session afresh on every call: A's sign-out is refused at once.
    await a.call('auth.signOut', {}, jar);
    expect(await b.call('auth.session', {}, cookie)).toBeNull();
    await within(5_000, async () => (b.desk.db.changes.live && a.desk.db.changes.live ? true : undefined));
  });
});
