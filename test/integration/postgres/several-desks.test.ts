import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { publishNext } from '../../../src/main/keys/key-lifecycle';
import { Dispatcher } from '../../../src/main/notify/dispatcher';
import type { SessionCarrier } from '../../../src/main/rpc/context';
import { asSuperuser } from '../../support/test-store';
import { type TestDesk, cookieJar, openTestDesk, signInFirstAdmin } from '../../support/desk-fixture';
import { ACTIVATION, queue, row } from '../notify-helpers';
import { MAX_WRONG_PASSWORDS, checkAccountSignIn } from '../../../src/main/accounts/account-sign-in';
import { recentRecoveryCodes } from '../../../src/main/recovery/recovery-code-repository';
import { recoveryDeps, resetWithCode } from '../../../src/main/recovery/self-service';
import { activeAccount } from '../../support/token-service-fixture';

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

  describe('hold the five-attempt limits across desks: 24 parallel wrong guesses over three desks count exactly 5', () => {
    async function threeDesks() {
      const a = await openTestDesk();
      open.push(a);
      const b = await openTestDesk(undefined, { store: a.store });
      open.push(b);
      const c = await openTestDesk(undefined, { store: a.store });
      open.push(c);
      const { jar } = await signInFirstAdmin(a);
      await a.call('settings.update', { idleLockSeconds: 3600 }, jar);
      return { desks: [a, b, c], admin: jar };
    }
    const spread = <T>(desks: TestDesk[], attempt: (t: TestDesk, i: number) => Promise<T>) => Promise.all(Array.from({ length: 24 }, (_, i) => attempt(desks[i % 3]!, i)));
    const answer = (call: Promise<unknown>) => call.then(() => 'done', (err: { code?: string }) => err.code ?? String(err));
    const called = (t: TestDesk, channel: Parameters<TestDesk['call']>[0], input: unknown, carrier: SessionCarrier) =>
      t.desk.router.call(channel, input, carrier).then((env) => (env.ok ? 'done' : env.error.code));

    it('staff sign-in: five wrong answers, then locked on every desk, the right password included', async () => {
      const { desks, admin } = await threeDesks();
      const a = desks[0]!;
      const { oneTimePassword } = await a.call('staff.create', { username: 'op.li', displayName: 'op.li', roles: ['counter_operator'] }, admin);
      const answers = await spread(desks, (t, i) => called(t, 'auth.signIn', { username: 'op.li', password: `wrong guess ${i}`, desk: 'minhang' }, cookieJar()));
      expect(answers.filter((x) => x === 'INVALID_CREDENTIALS')).toHaveLength(5);
      expect(answers.filter((x) => x === 'STAFF_LOCKED')).toHaveLength(19);
      for (const t of desks) expect(await called(t, 'auth.signIn', { username: 'op.li', password: oneTimePassword, desk: 'minhang' }, cookieJar())).toBe('STAFF_LOCKED');
      // A name that is no staff member's is counted alike.
      const unknown = await spread(desks, (t, i) => called(t, 'auth.signIn', { username: 'nobody.here', password: `guess ${i}`, desk: 'xuhui' }, cookieJar()));
      expect(unknown.filter((x) => x === 'INVALID_CREDENTIALS')).toHaveLength(5);
      expect(unknown.filter((x) => x === 'STAFF_LOCKED')).toHaveLength(19);
    });

    it('holder sign-in: five wrong passwords recorded, the other attempts refused as locked', async () => {
      const { desks, admin } = await threeDesks();
      const a = desks[0]!;
      await activeAccount(a, admin, { username: 'xiaoming', password: 'Lotus pond at dawn 88', number: '523030910001', documentNumber: 'E55556666' });
      const now = a.clock.now;
      const outcomes = await spread(desks, (t, i) => checkAccountSignIn(t.desk, { username: 'xiaoming', password: `wrong ${i}`, source: `desk ${i % 3}` }, now));
      expect(outcomes.filter((o) => o.outcome === 'wrong_password')).toHaveLength(MAX_WRONG_PASSWORDS);
      expect(outcomes.filter((o) => o.outcome === 'locked')).toHaveLength(24 - MAX_WRONG_PASSWORDS);
      expect((await checkAccountSignIn(desks[1]!.desk, { username: 'xiaoming', password: 'Lotus pond at dawn 88', source: 'desk 1' }, now)).outcome).toBe('locked');
    });

    it('counter codes: one open code per account when two desks issue at once, and five wrong tries close it', async () => {
      const { desks, admin } = await threeDesks();
      const [a, b] = desks as [TestDesk, TestDesk, TestDesk];
      await activeAccount(a, admin, { username: 'xiaoming', password: 'Lotus pond at dawn 88', number: '523030910001', documentNumber: 'E55556666' });
      const id = (await a.call('accounts.diagnose', { username: 'xiaoming' }, admin)).account!.id;
      await a.call('recovery.recordIdCheck', { id, documentType: 'passport', hiddenCharacters: 'E5555' }, admin);
      const cookie = holding(admin.token());
      const issued = await Promise.all([a, b, a, b].map((t) => called(t, 'recovery.issueCounterCode', { id, minutes: 30, replaceOpen: false }, cookie)));
      expect(issued.filter((x) => x === 'done')).toHaveLength(1);
      expect(issued.filter((x) => x === 'CONFLICT')).toHaveLength(3);
      const unclosed = (await recentRecoveryCodes(a.desk.db.reader, id, 10)).filter((r) => r.closed_at === null);
      expect(unclosed).toHaveLength(1);

      const tries = await spread(desks, (t, i) =>
        answer(resetWithCode(recoveryDeps(t.desk), 'counter_reset', { username: 'xiaoming', code: `WRON-GCOD-E${String(i).padStart(3, '2')}`, password: 'Maple leaves in autumn 31', language: 'en' }, a.clock.now)),
      );
      expect(tries.every((x) => x === 'VALIDATION')).toBe(true);
      const [code] = await recentRecoveryCodes(a.desk.db.reader, id, 1);
      expect(code).toMatchObject({ attempts: 5, closed_reason: 'exhausted' });
      const audit = await a.call('audit.list', { filter: { action: 'recovery.resetPassword' }, page: 1, pageSize: 50 }, admin);
      const left = audit.entries.map((e) => e.detail.attemptsLeft as number).filter((n) => n > 0);
      expect(left.sort()).toEqual([1, 2, 3, 4]);
    });
  });
});
