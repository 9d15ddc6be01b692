import * as jose from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { PassphraseProtector } from '../../src/main/crypto/passphrase-protector';
import { openDesk } from '../../src/main/desk';
import { createLogger } from '../../src/main/log';
import { mulberry32 } from '../../src/main/accounts/seed-data';
import type { KeysOverview } from '../../src/shared/contract/keys';
import { TEST_PASSPHRASE, openTestDesk, signInFirstAdmin, tempDir } from '../support/desk-fixture';
import { type RunningDesk, startHeadlessDesk } from '../support/headless-desk';
import { signedInStaff } from '../support/key-admins';
import { issueClient } from '../support/token-service-fixture';
import { consoleSessionKey } from '../../src/main/rpc/session-proof';
import { consoleClient, sleep } from './desk-http';

/**
 * Kill -9 the headless desk at random moments of a bulk import, a key rotation and a burst of
 * token requests; after each kill the store must be whole: SQLite's integrity check, the audit
 * chain, no half-written import batch, no half-rotated key, and every token issued before
 * the kill still verifying. SOAK_CYCLES (default 20) kills per scenario; SOAK_SEED repeats a run.
 */

const CYCLES = Number(process.env.SOAK_CYCLES ?? 20);
const SEED = Number(process.env.SOAK_SEED ?? Date.now() % 1_000_000);
const random = mulberry32(SEED);
const ENV = { DESK_PASSPHRASE: TEST_PASSPHRASE };
const tally: string[] = [`seed ${SEED}`];
afterAll(() => console.log(`soak: ${tally.join('; ')}`));

/** What a desk restarted after the kill finds in the store. */
async function afterKill<T>(dataDir: string, check: (desk: Awaited<ReturnType<typeof openDesk>>) => Promise<T>): Promise<T> {
  const desk = await openDesk({ dataDir, protector: new PassphraseProtector(TEST_PASSPHRASE), log: createLogger(() => undefined) });
  try {
    expect(await desk.db.reader.all('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(await desk.audit.verify()).toMatchObject({ ok: true, firstBroken: null });
    return await check(desk);
  } finally {
    await desk.close();
  }
}

/** A store prepared in this process on the real clock, with the first admin's session for the desk process to honour. */
async function preparedStore() {
  const t = await openTestDesk(tempDir('desk-soak-'), { realTime: true });
  const { jar } = await signInFirstAdmin(t);
  return { t, dataDir: t.dir, token: jar.token()!, sessionKey: consoleSessionKey(t.desk.dataKey) };
}

function registrarFile(cycle: number, rows: number): string {
  const lines = ['name,category,number,department,document_type,document_number'];
  for (let i = 0; i < rows; i++) {
    const n = cycle * 100_000 + i;
    lines.push(`Soak Person,visiting,K${String(n).padStart(8, '0')},国际合作与交流处,passport,S${String(n).padStart(8, '0')}`);
  }
  return `${lines.join('\n')}\n`;
}

async function killAfter(desk: RunningDesk, ms: number) {
  await sleep(ms);
  expect(await desk.stop('SIGKILL')).toBeNull();
}

describe('kill -9 and restart', () => {
  it(`leaves no half-imported batch (${CYCLES} kills during bulk imports)`, async () => {
    const { t, dataDir, token, sessionKey } = await preparedStore();
    await t.close();
    const ROWS = 3_000;
    let imported = 0;
    let refused = 0;
    let importMs = 0;
    for (let cycle = 0; cycle <= CYCLES; cycle++) {
      const desk = await startHeadlessDesk({ dataDir, env: ENV });
      const rpc = consoleClient(desk, token, sessionKey);
      const fileName = `soak-${cycle}.csv`;
      const started = performance.now();
      const running = rpc('accounts.import', { fileName, contentBase64: Buffer.from(registrarFile(cycle, ROWS)).toString('base64'), dryRun: false });
      if (cycle === 0) {
        await running; // the first, uninterrupted, tells how long an import takes
        importMs = performance.now() - started;
        await desk.stop();
      } else {
        running.catch(() => undefined);
        await killAfter(desk, random() * importMs * 1.2);
      }
      const state = await afterKill(dataDir, async (d) => {
        const n = (await d.db.reader.get<{ n: number }>('SELECT count(*) AS n FROM accounts WHERE number LIKE ?', [`K${String(cycle).padStart(3, '0')}%`]))!.n;
        const batch = await d.db.reader.get('SELECT rows_created FROM import_batches WHERE file_name = ?', [fileName]);
        return { n, batch };
      });
      expect([0, ROWS]).toContain(state.n);
      expect(state.batch).toEqual(state.n ? { rows_created: ROWS } : undefined);
      if (cycle > 0) state.n ? imported++ : refused++;
    }
    tally.push(`imports: ${CYCLES} kills within ${Math.round(importMs)} ms imports, ${refused} rolled back whole, ${imported} committed whole`);
  }, 600_000);

  it(`leaves no half-rotated key (${CYCLES} kills during emergency rotations)`, async () => {
    const { t, dataDir, token, sessionKey } = await preparedStore();
    const second = (await signedInStaff(t, { token: () => token, set: () => undefined, clear: () => undefined }, 'second.admin', ['system_admin'])).jar.token()!;
    await t.close();
    let rotations = 0;
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const desk = await startHeadlessDesk({ dataDir, env: ENV });
      const [first, other] = [consoleClient(desk, token, sessionKey), consoleClient(desk, second, sessionKey)];
      let stop = false;
      const rotating = (async () => {
        while (!stop) {
          const { keys } = await first<KeysOverview>('keys.list', {});
          if (!keys.some((k) => k.alg === 'RS256' && k.state === 'next')) await first('keys.generateNext', { alg: 'RS256', size: 2048 });
          const active = keys.find((k) => k.alg === 'RS256' && k.state === 'active')!;
          const request = await first<{ id: number }>('keys.requestRevocation', { kid: active.kid, reason: `soak cycle ${cycle}: rotate under fire` });
          await other('keys.confirmRevocation', { requestId: request.id });
          rotations++;
        }
      })().catch(() => undefined);
      await killAfter(desk, 200 + random() * 1500);
      stop = true;
      await rotating;
      await afterKill(dataDir, async (d) => {
        const rows = await d.db.reader.all<{ alg: string; state: string; private_key_sealed: string | null }>('SELECT alg, state, private_key_sealed FROM signing_keys');
        for (const alg of ['RS256', 'EdDSA']) expect(rows.filter((r) => r.alg === alg && r.state === 'active')).toHaveLength(1);
        for (const r of rows.filter((k) => k.state === 'active' || k.state === 'next')) expect(r.private_key_sealed).toBeTruthy();
        const set = await d.keys.signingKeySet();
        expect(set.privateJwks.map((k) => k.kid)).toContain(set.activeKid.RS256);
      });
    }
    tally.push(`keys: ${CYCLES} kills during ${rotations} emergency rotations`);
  }, 600_000);

  it(`keeps every token issued before the kill verifiable (${CYCLES} kills during token bursts)`, async () => {
    const { t, dataDir, token } = await preparedStore();
    const { clientId, secret } = await issueClient(t, { token: () => token, set: () => undefined, clear: () => undefined }, {
      grantTypes: ['client_credentials'],
      scopes: ['profile'],
      redirectUris: [],
      postLogoutRedirectUris: [],
    });
    await t.close();
    const authorization = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret!)}`).toString('base64')}`;
    let desk = await startHeadlessDesk({ dataDir, env: ENV });
    let verified = 0;
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const issued: string[] = [];
      let stop = false;
      const tokenUrl = `${desk.portalUrl.replace(/\/$/, '')}/token`;
      const burst = Array.from({ length: 8 }, async () => {
        while (!stop) {
          const res = await fetch(tokenUrl, {
            method: 'POST',
            headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
            body: 'grant_type=client_credentials&scope=profile&resource=urn%3Asjtu%3Ajaccount%3Aapi',
          }).catch(() => null);
          if (res?.ok) issued.push(((await res.json()) as { access_token: string }).access_token);
        }
      });
      await killAfter(desk, 300 + random() * 1200);
      stop = true;
      await Promise.all(burst);
      await afterKill(dataDir, async () => undefined);
      desk = await startHeadlessDesk({ dataDir, env: ENV });
      const jwks = jose.createLocalJWKSet((await (await fetch(`${desk.portalUrl.replace(/\/$/, '')}/jwks`)).json()) as jose.JSONWebKeySet);
      expect(issued.length).toBeGreaterThan(0);
      for (const jwt of issued) {
        const { payload, protectedHeader } = await jose.jwtVerify(jwt, jwks, { audience: 'urn:sjtu:jaccount:api', typ: 'at+jwt' });
        expect(payload.client_id).toBe(clientId);
        expect(protectedHeader.alg).toBe('RS256');
      }
      verified += issued.length;
    }
    await desk.stop();
    tally.push(`tokens: ${CYCLES} kills during bursts, ${verified} tokens issued before the kills, all verified after restart`);
  }, 600_000);
});
