import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { publishNext } from '../../../src/main/keys/key-lifecycle';
import { Dispatcher } from '../../../src/main/notify/dispatcher';
import type { SessionCarrier } from '../../../src/main/rpc/context';
import { asSuperuser } from '../../support/test-store';
import { type TestDesk, cookieJar, openTestDesk, signInFirstAdmin } from '../../support/desk-fixture';
import { ACTIVATION, queue, row } from '../notify-helpers';

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

  it('send each outbox message once when both dispatchers claim at the same time (FOR UPDATE SKIP LOCKED)', async () => {
    const a = await openTestDesk();
    open.push(a);
    const b = await openTestDesk(undefined, { store: a.store });
    open.push(b);
    await Promise.all([a.desk.notifications.stop(), b.desk.notifications.stop()]);
    const ids = await Promise.all(Array.from({ length: 30 }, (_, i) => queue(a, { ...ACTIVATION, to: `person${i}@example.edu.cn` })));
    const dispatcher = (t: TestDesk) => new Dispatcher({ store: t.desk.store, dataKey: t.desk.dataKey, log: t.desk.log, clock: () => t.clock.now, batch: 4 });
    const [atA, atB] = [dispatcher(a), dispatcher(b)];
    const tried = await Promise.all([atA.runPass(), atB.runPass(), atA.runPass(), atB.runPass()]);
    expect(tried.reduce((x, y) => x + y, 0)).toBe(30);
    for (const id of ids) expect(await row(a, id)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('keep one audit chain when both desks append at the same time', async () => {
    const a = await openTestDesk();
    open.push(a);
    const b = await openTestDesk(undefined, { store: a.store });
    open.push(b);
    const entry = (action: string) => ({ actor: 'test', desk: null, action, target: null, outcome: 'success' as const, detail: {} });
    const appendAt = (t: TestDesk, n: number) =>
      Promise.all(Array.from({ length: n }, (_, i) => t.desk.store.write((repos) => t.desk.audit.append(repos, entry(`test.${t === a ? 'a' : 'b'}${i}`), t.clock.now))));
    const before = (await a.desk.audit.list({}, 1, 1)).total;
    const seqs = (await Promise.all([appendAt(a, 25), appendAt(b, 25)])).flat();
    expect(new Set(seqs).size).toBe(50);
    expect((await a.desk.audit.list({}, 1, 1)).total).toBe(before + 50);
    expect(await b.desk.audit.verify()).toMatchObject({ ok: true, firstBroken: null });
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
