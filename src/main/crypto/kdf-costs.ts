/** scrypt's cost: N = 2^log2N, block size r, parallelism p. */
export interface ScryptCost {
  log2N: number;
  r: number;
  p: number;
}

/** What every key derivation of the desk costs; the desk is opened with one set of them. */
export interface KdfCosts {
  /** Staff and holder passwords. */
  password: ScryptCost;
  /** The passphrase that wraps the data key (headless shell, store backups). */
  passphrase: ScryptCost;
  /** PBKDF2 and the MAC key of PKCS#12 key backups. */
  pkcs12Iterations: number;
}

/**
 * Production: OWASP's Password Storage Cheat Sheet (scrypt N=2^17, r=8, p=1) and 100,000
 * PBKDF2 iterations for key backups. Only tests pass anything else, and they pass it explicitly.
 */
export const OWASP_KDF: KdfCosts = Object.freeze({
  password: Object.freeze({ log2N: 17, r: 8, p: 1 }),
  passphrase: Object.freeze({ log2N: 17, r: 8, p: 1 }),
  pkcs12Iterations: 100_000,
});
