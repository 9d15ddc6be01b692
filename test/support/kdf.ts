import type { KdfCosts } from '../../src/main/crypto/kdf-costs';

/**
 * Key derivation for tests: scrypt at N=2^10 (a few milliseconds, where production's N=2^17
 * takes 0.7 s) and 1,000 PKCS#12 iterations. Passed explicitly to every desk and protector a
 * test opens; production's costs are asserted once, in test/unit/crypto.test.ts.
 */
export const TEST_KDF: KdfCosts = Object.freeze({
  password: Object.freeze({ log2N: 10, r: 8, p: 1 }),
  passphrase: Object.freeze({ log2N: 10, r: 8, p: 1 }),
  pkcs12Iterations: 1_000,
});
