import type { BackupFile, KeysOverview, RestoreReport } from '../../shared/contract/keys';
import { DeskError } from '../../shared/errors';
import { KEY_ALGS, PUBLISHED_STATES } from '../../shared/signing-keys';
import { AuditLog } from '../audit/audit-log';
import type { DataKey } from '../crypto/data-key';
import { type Logger, createLogger } from '../log';
import { CommittedCache } from '../store/committed-cache';
import { backupEntries, openBackup, restoreEntries } from './backup-restore';
import { checkKeyBackupPassword, listBackups, readBackup, writeBackup } from './backup-files';
import { generateKeyMaterial } from './key-material';
import { insertGenerated, promoteNow, removeKey, specFor } from './key-lifecycle';
import { type SigningKeySet, buildKeySet, revisionOf } from './key-set';
import { PROMOTION_DELAY_MS, VERIFY_WINDOW_MS } from './key-timing';
import { auditedKey, toKeyView } from './key-views';
import { buildPkcs12 } from './pkcs12';
import { OWASP_KDF } from '../crypto/kdf-costs';
import { expireRequests, pendingRequests } from './revocations';
import { isEmptyPlan, planTick } from './schedule';
import type { KeyRow } from './signing-key-repository';
import { type Repositories, type Store } from '../repositories';

export type { SigningKeySet } from './key-set';

const SYSTEM = 'system';
const DEFAULT_TICK_MS = 60_000;

/**
 * The token service's signing keys: generated, rotated, retired and revoked by key admins and
 * by the schedule. Private keys stay in this process: the console sees views, the token
 * service gets JWKs through signingKeySet().
 */
export class KeyManager {
  private readonly audit: AuditLog;
  private readonly listeners = new Set<() => void>();
  private lastRevision: string | null = null;
  private cached: SigningKeySet | null = null;
  private backupFolder: string | null = null;
  private log: Logger = createLogger();
  private ticking: Promise<void> | null = null;
  private checks: Promise<void> = Promise.resolve();
  private readonly published: CommittedCache<'set', SigningKeySet>;
  private pkcs12Iterations = OWASP_KDF.pkcs12Iterations;

  constructor(
    readonly store: Store,
    readonly dataKey: DataKey,
    readonly clock: () => Date,
  ) {
    this.published = new CommittedCache(store, 'keys', 5000);
    // The desk's one audit chain: the same derivation desk.ts gives its AuditLog.
    this.audit = new AuditLog(dataKey.derive('audit-chain'), store.reads);
  }

  /** Where backups are written (<dataDir>/backups), at what PKCS#12 cost, and the desk's logger. */
  configure(options: { backupDir?: string; log?: Logger; pkcs12Iterations?: number }): void {
    if (options.backupDir) this.backupFolder = options.backupDir;
    if (options.log) this.log = options.log;
    if (options.pkcs12Iterations) this.pkcs12Iterations = options.pkcs12Iterations;
  }

  get backupDir(): string | null {
    return this.backupFolder;
  }

  // ---- the token service's side ----------------------------------------------------------

  /** Per token request: from memory, re-read once a key change has committed. */
  signingKeySet(): Promise<SigningKeySet> {
    return this.published.get('set', () => this.readSigningKeySet());
  }

  private async readSigningKeySet(): Promise<SigningKeySet> {
    const rows = await this.store.reads.signingKeys.publishedKeyRows();
    const revision = revisionOf(rows);
    if (this.cached?.revision === revision) return this.cached;
    const set = buildKeySet(rows, this.dataKey);
    const missing = KEY_ALGS.filter((alg) => !set.activeKid[alg]);
    if (missing.length) throw new Error(`no active ${missing.join(' or ')} signing key: ensureInitialKeys() was not run`);
    this.cached = set;
    return set;
  }

  /** Fired after a committed change of the published set (promotion, revocation, tick, restore). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Once the write transaction in progress has finished (committed or not), tells listeners if the set changed. */
  notifyAfterCommit(): void {
    this.published.forgetAfterCommit();
    void this.store
      .settled()
      .then(() => this.emitIfChanged())
      .catch((error: unknown) => this.log.error('keys.change-check', { error }));
  }

  /** One check at a time, so one change is told once. */
  private emitIfChanged(): Promise<void> {
    this.published.forget();
    const check = async () => {
      const revision = revisionOf(await this.store.reads.signingKeys.publishedStates());
      if (revision === this.lastRevision) return;
      this.lastRevision = revision;
      for (const listener of this.listeners) {
        try {
          listener();
        } catch (error) {
          this.log.error('keys.change-listener', { error });
        }
      }
    };
    const next = this.checks.then(check, check);
    this.checks = next.catch(() => undefined);
    return next;
  }

  /** Idempotent: an active RS256 (2048) and an active Ed25519 key, generated if missing; audited as the system. */
  async ensureInitialKeys(): Promise<void> {
    for (const alg of KEY_ALGS) {
      if (await this.store.reads.signingKeys.keyInState(alg, 'active')) continue;
      const material = await generateKeyMaterial(specFor(alg, 2048), this.clock());
      await this.store.write(async (repos) => {
        if (await repos.signingKeys.keyInState(alg, 'active')) return;
        const now = this.clock();
        const row = await insertGenerated(repos, this.dataKey, material, 'active', now);
        await this.systemAudit(repos, 'keys.initialKey', row, {}, now);
      });
    }
    await this.emitIfChanged();
  }

  /** Runs tick() now and every intervalMs; returns the function that stops it. */
  startScheduler(intervalMs = DEFAULT_TICK_MS): () => void {
    const run = () => {
      if (this.ticking) return;
      this.ticking = this.tick()
        .catch((error: unknown) => this.log.error('keys.tick', { error }))
        .finally(() => {
          this.ticking = null;
        });
    };
    const timer = setInterval(run, intervalMs);
    timer.unref();
    run();
    return () => clearInterval(timer);
  }

  /** Scheduled rotation, removal of retired keys past their verify window, expiry of revocation requests. */
  async tick(now: Date = this.clock()): Promise<void> {
    const plan = planTick(await this.store.reads.signingKeys.listKeyRows(), (await this.store.reads.keySchedule.readSchedule()).rotationDays, now);
    const expiring = await this.store.reads.revocations.anyRequestDue(now);
    if (isEmptyPlan(plan) && !expiring) return;
    // Generated outside the transaction, so the store is not held while the key is made.
    const fresh = await Promise.all(plan.publish.map((p) => generateKeyMaterial(specFor(p.alg, p.size), now)));
    await this.store.write(async (repos) => {
      const due = planTick(await repos.signingKeys.listKeyRows(), (await repos.keySchedule.readSchedule()).rotationDays, now);
      for (const p of due.publish) {
        const material = fresh.find((m) => m.alg === p.alg);
        if (!material) continue;
        const row = await insertGenerated(repos, this.dataKey, material, 'next', now);
        await this.systemAudit(repos, 'keys.scheduledPublish', row, {}, now);
      }
      for (const next of due.promote) {
        const { promoted, retired } = await promoteNow(repos, next, now);
        await this.systemAudit(repos, 'keys.scheduledPromote', promoted, { retired: retired?.kid ?? null }, now);
      }
      for (const key of due.remove) {
        await this.systemAudit(repos, 'keys.scheduledRemove', await removeKey(repos, key, now), {}, now);
      }
      for (const request of await expireRequests(repos, now)) {
        await this.audit.append(
          repos,
          { actor: SYSTEM, desk: null, action: 'keys.revocationExpired', target: `key:${request.kid}`, outcome: 'success', detail: { requestId: request.id } },
          now,
        );
      }
    });
    await this.emitIfChanged();
  }

  private systemAudit(repos: Repositories, action: string, row: KeyRow, detail: Record<string, unknown>, now: Date) {
    return this.audit.append(
      repos,
      { actor: SYSTEM, desk: null, action, target: `key:${row.kid}`, outcome: 'success', detail: { ...auditedKey(row), ...detail } },
      now,
    );
  }

  // ---- the console's side (handlers pass their transaction and time) --------------------

  async overview(repos: Repositories, now: Date, viewerId: number | null): Promise<KeysOverview> {
    const schedule = await repos.keySchedule.readSchedule();
    const rows = await repos.signingKeys.listKeyRows();
    return {
      keys: rows.map((row) => toKeyView(row, schedule.rotationDays)),
      pendingRevocations: await pendingRequests(repos, now, viewerId),
      schedule,
      timing: { promotionDelaySeconds: PROMOTION_DELAY_MS / 1000, verifyWindowSeconds: VERIFY_WINDOW_MS / 1000 },
    };
  }

  private folder(): string {
    if (!this.backupFolder) {
      throw new DeskError('CONFLICT', 'this desk has no backup folder configured', { params: { reason: 'no_backup_folder' } });
    }
    return this.backupFolder;
  }

  /** Writes every key that was not removed, as a password-protected PKCS#12, into the backup folder. */
  async backup(repos: Repositories, password: string, now: Date): Promise<BackupFile & { keys: number }> {
    checkKeyBackupPassword(password);
    const folder = this.folder();
    const entries = await backupEntries(repos, this.dataKey);
    const file = writeBackup(folder, buildPkcs12(entries, password, this.pkcs12Iterations), now);
    return { ...file, keys: entries.length };
  }

  listBackups(): { folder: string | null; files: BackupFile[] } {
    return { folder: this.backupFolder, files: this.backupFolder ? listBackups(this.backupFolder) : [] };
  }

  async restore(repos: Repositories, fileName: string, password: string, now: Date): Promise<RestoreReport> {
    const entries = openBackup(readBackup(this.folder(), fileName), password);
    return { fileName, ...(await restoreEntries(repos, this.dataKey, entries, now)) };
  }

  /** Public data for relying parties: the JWKS, and the published certificates as PEM. */
  async exportPublic(repos: Repositories): Promise<{ jwks: string; pem: string }> {
    const set = await this.signingKeySet();
    const rows = (await repos.signingKeys.listKeyRows()).filter((r) => PUBLISHED_STATES.includes(r.state));
    const pem = rows.map((r) => `# kid=${r.kid} alg=${r.alg} state=${r.state} sha256=${r.fingerprint}\n${r.certificate.trim()}\n`).join('\n');
    return { jwks: `${JSON.stringify(set.publicJwks, null, 2)}\n`, pem };
  }
}
