import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretHasher, newClientId, newClientSecret, secretFingerprint } from '../../src/main/clients/client-secret';

const hasher = new SecretHasher(crypto.randomBytes(32));
const CLIENT = 'jaccount-abcdefghjkmnpqrs';

describe('client secrets', () => {
  it('are 256 random bits, and client ids are readable and distinct', () => {
    const secret = newClientSecret();
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
    expect(newClientSecret()).not.toBe(secret);
    expect(newClientId()).toMatch(/^jaccount-[a-z2-9]{16}$/);
    expect(newClientId()).not.toBe(newClientId());
  });

  it('are stored as a keyed hash bound to the client, never as themselves', () => {
    const secret = newClientSecret();
    const hash = hasher.hash(CLIENT, secret);
    expect(hash).not.toContain(secret);
    expect(hash).toBe(hasher.hash(CLIENT, secret));
    expect(hasher.hash('jaccount-other', secret)).not.toBe(hash);
    expect(new SecretHasher(crypto.randomBytes(32)).hash(CLIENT, secret)).not.toBe(hash);
    expect(secretFingerprint(secret)).toBe(crypto.createHash('sha256').update(secret).digest('hex').slice(0, 16));
  });

  it('accept the current secret, and the previous one only while its overlap lasts', () => {
    const current = newClientSecret();
    const previous = newClientSecret();
    const stored = [
      { hash: hasher.hash(CLIENT, current), expiresAt: null },
      { hash: hasher.hash(CLIENT, previous), expiresAt: '2026-11-30T02:00:00.000Z' },
    ];
    const before = new Date('2026-11-30T01:59:59.999Z');
    const at = new Date('2026-11-30T02:00:00.000Z');
    expect(hasher.accepts(CLIENT, current, stored, before)).toBe(true);
    expect(hasher.accepts(CLIENT, previous, stored, before)).toBe(true);
    expect(hasher.accepts(CLIENT, previous, stored, at)).toBe(false);
    expect(hasher.accepts(CLIENT, current, stored, new Date('2027-06-01T00:00:00Z'))).toBe(true);
    expect(hasher.accepts(CLIENT, newClientSecret(), stored, before)).toBe(false);
    expect(hasher.accepts(CLIENT, '', stored, before)).toBe(false);
    expect(hasher.accepts('jaccount-other', current, stored, before)).toBe(false);
    expect(hasher.accepts(CLIENT, current, [], before)).toBe(false);
  });
});
