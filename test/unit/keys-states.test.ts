import { describe, expect, it } from 'vitest';
import type { KeyRow } from '../../src/main/keys/signing-key-repository';
import { successorDueAt } from '../../src/main/keys/key-timing';
import { planTick } from '../../src/main/keys/schedule';
import { KEY_STATES, type KeyState, canTransition } from '../../src/shared/signing-keys';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-11-23T02:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms);
const iso = (ms: number) => at(ms).toISOString();

function key(kid: string, alg: KeyRow['alg'], state: KeyState, times: Partial<KeyRow> = {}): KeyRow {
  return {
    kid,
    alg,
    size: alg === 'RS256' ? 3072 : null,
    curve: alg === 'EdDSA' ? 'Ed25519' : null,
    fingerprint: 'AA',
    certificate: '',
    state,
    origin: 'generated',
    created_at: iso(0),
    published_at: iso(0),
    activated_at: state === 'active' ? iso(0) : null,
    retired_at: null,
    revoked_at: null,
    removed_at: null,
    revocation_reason: null,
    ...times,
  };
}

describe('key states', () => {
  it('allow exactly next -> active -> retired -> removed, and revocation from any published state', () => {
    const allowed = KEY_STATES.flatMap((from) => KEY_STATES.filter((to) => canTransition(from, to)).map((to) => `${from}->${to}`));
    expect(allowed.sort()).toEqual(['active->retired', 'active->revoked', 'next->active', 'next->revoked', 'retired->removed', 'retired->revoked']);
  });
});

describe('the rotation plan', () => {
  const active = [key('rsa', 'RS256', 'active'), key('ed', 'EdDSA', 'active')];

  it('does nothing with rotation off, except remove retired keys whose verify window is over', () => {
    const retired = key('old', 'RS256', 'retired', { retired_at: iso(0) });
    expect(planTick([...active, retired], 0, at(1000 * DAY))).toEqual({ publish: [], promote: [], remove: [retired] });
    expect(planTick([...active, retired], 0, at(2 * HOUR - 1))).toEqual({ publish: [], promote: [], remove: [] });
  });

  it('publishes successors a day ahead (half the interval when shorter), with the active key’s size', () => {
    expect(successorDueAt(active[0]!, 30)).toEqual(at(29 * DAY));
    expect(successorDueAt(active[0]!, 1)).toEqual(at(12 * HOUR));
    expect(planTick(active, 30, at(29 * DAY - 1)).publish).toEqual([]);
    expect(planTick(active, 30, at(29 * DAY)).publish).toEqual([
      { alg: 'RS256', size: 3072 },
      { alg: 'EdDSA', size: null },
    ]);
  });

  it('promotes a successor only when rotation is due and it has been published for the JWKS cache age', () => {
    const young = key('n', 'RS256', 'next', { published_at: iso(30 * DAY - HOUR + 1) });
    expect(planTick([...active, young], 30, at(30 * DAY)).promote).toEqual([]);
    expect(planTick([...active, young], 30, at(30 * DAY + 1)).promote).toEqual([young]);
    const aged = key('n', 'RS256', 'next', { published_at: iso(DAY) });
    expect(planTick([...active, aged], 30, at(30 * DAY - 1)).promote).toEqual([]);
    expect(planTick([...active, aged], 30, at(30 * DAY)).publish).toEqual([{ alg: 'EdDSA', size: null }]);
  });
});
