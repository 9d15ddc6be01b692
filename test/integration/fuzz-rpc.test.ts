import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionCarrier } from '../../src/main/rpc/context';
import { type Channel, contract } from '../../src/shared/contract';
import { ADMIN_PASSWORD, TEST_PASSPHRASE, type TestDesk, openTestDesk, signInFirstAdmin } from '../support/desk-fixture';
import { STAFF_PASSWORD, signedInStaff } from '../support/key-admins';
import { nearMiss, shapedInput } from '../support/schema-arbitrary';

/**
 * Property-based fuzzing of every RPC channel through the router, as a system administrator
 * (who may call them all): random JSON, inputs shaped like the channel's schema, and near
 * misses. No input may crash the desk or earn INTERNAL, no answer may carry a stack trace or
 * a secret, and an input refused as invalid writes nothing at all.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
/** Channels that end or lock the session they are called with: fuzzed last, each with a staff member of its own. */
const SESSION_ENDING = new Set<string>(['auth.signOut', 'auth.signOutEverywhere', 'auth.lock', 'auth.unlock', 'auth.changePassword', 'auth.signIn', 'auth.verifyTotp']);
const STACK = /\bat [\w$.<>]+ \(|node:internal|\.[cm]?[jt]s:\d+:\d+/;
const SECRETS = [TEST_PASSPHRASE, ADMIN_PASSWORD, STAFF_PASSWORD, '"d":"', 'private_key_sealed'];
const PRIVATE_PEM = /-----BEGIN [A-Z ]*PRIVATE KEY/;
/** Channels whose every call does seconds of key derivation or generation: fewer runs. */
const SLOW: Record<string, number> = { 'keys.backup': 4, 'keys.restore': 8, 'backup.create': 4, 'keys.generateNext': 8, 'keys.confirmRevocation': 8 };

let t: TestDesk;
let admin: SessionCarrier;
let tried = 0;
const outcomes = new Map<string, number>();
const channels = Object.keys(contract) as Channel[];

beforeAll(async () => {
  t = await openTestDesk();
  admin = (await signInFirstAdmin(t)).jar;
}, 60_000);
afterAll(async () => {
  const answers = [...outcomes.entries()].sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} ${n}`).join(', ');
  console.log(`fuzz-rpc: ${tried} inputs over ${channels.length} channels; answers: ${answers}`);
  await t?.close();
});

async function probe(channel: Channel, input: unknown, jar: SessionCarrier) {
  tried++;
  const commitsBefore = t.desk.db.commitCount;
  const envelope = await t.desk.router.call(channel, input, jar);
  const text = JSON.stringify(envelope);
  const outcome = envelope.ok ? 'ok' : envelope.error.code;
  outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  expect(envelope.ok || envelope.error.code, `${channel} ${JSON.stringify(input)?.slice(0, 300)}: ${text.slice(0, 300)}`).not.toBe('INTERNAL');
  expect(text).not.toMatch(STACK);
  for (const secret of SECRETS) expect(text).not.toContain(secret);
  expect(text).not.toMatch(PRIVATE_PEM);
  if (!envelope.ok && envelope.error.code === 'VALIDATION') expect(t.desk.db.commitCount, `${channel} wrote for invalid input`).toBe(commitsBefore);
}

function inputs(channel: Channel) {
  const schema = contract[channel].input;
  return fc.oneof({ weight: 3, arbitrary: shapedInput(schema) }, { weight: 2, arbitrary: nearMiss(schema) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) });
}

describe('fuzzing every RPC channel', () => {
  it.each(channels.filter((c) => !SESSION_ENDING.has(c)))('%s', async (channel) => {
    await fc.assert(fc.asyncProperty(inputs(channel), (input) => probe(channel, input, admin)), { numRuns: SLOW[channel] ?? RUNS, seed: 20261128 });
  }, 180_000);

  it.each([...SESSION_ENDING].filter((c) => c in contract) as Channel[])('%s (a session of its own)', async (channel) => {
    const { jar } = await signedInStaff(t, admin, `fuzz.${channel.replace(/^auth\./, '').toLowerCase()}`, ['auditor']);
    await fc.assert(fc.asyncProperty(inputs(channel), (input) => probe(channel, input, jar)), { numRuns: SLOW[channel] ?? RUNS, seed: 20261128 });
  });
});
