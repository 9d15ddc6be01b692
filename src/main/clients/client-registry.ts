import { type IsoDate, civilDate } from '../../shared/calendar/working-days';
import type { ApplicationDetail, AuthMethod, ClientType } from '../../shared/contract/clients';
import type { GrantType, Scope } from '../../shared/oauth/scopes';
import { historyAbout } from '../audit/audit-log';
import type { DataKey } from '../crypto/data-key';
import { CommittedCache } from '../store/committed-cache';
import {
  shapeOf
} from './client-repository';
import { SecretHasher, newClientSecret, secretFingerprint } from './client-secret';
import { toDetail } from './client-views';
import { readWorkingCalendar, toCalendar } from './working-calendar-store';
import { type Repositories, type Store } from '../repositories';

/** A client as the token service sees it: only issued, enabled clients exist for it. */
export interface TokenServiceClient {
  clientId: string;
  clientName: string;
  clientType: ClientType;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  grantTypes: GrantType[];
  /** The scopes the NIC approved. */
  scopes: Scope[];
  tokenEndpointAuthMethod: AuthMethod;
}

export interface IssuedSecret {
  secret: string;
  fingerprint: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Presented secrets longer than this are not ours (ours are 43 characters): refused before hashing. */
const MAX_PRESENTED_SECRET = 512;

export const applicationTarget = (id: number) => `client-application:${id}`;

/** The jAccount interface applications and the OAuth clients issued for them. */
export class ClientRegistry {
  private readonly hasher: SecretHasher;
  /** Set by the shell once the token service listens. */
  tokenServiceIssuer: string | null = null;
  private readonly issued: CommittedCache<string, { client: TokenServiceClient | null; secrets: { hash: string; expiresAt: string | null }[] }>;

  constructor(
    readonly store: Store,
    readonly dataKey: DataKey,
    readonly clock: () => Date,
  ) {
    this.hasher = new SecretHasher(dataKey.derive('client-secret'));
    this.issued = new CommittedCache(store, 'clients', 5000);
  }

  /** Per token request: from memory, re-read once a change to the registry has committed. */
  async findForTokenService(clientId: string): Promise<TokenServiceClient | null> {
    return (await this.tokenServiceView(clientId)).client;
  }

  /** Call inside every transaction that changes clients or their secrets. */
  forgetAfterCommit(): void {
    this.issued.forgetAfterCommit();
  }

  private tokenServiceView(clientId: string) {
    return this.issued.get(clientId, async () => ({
      client: await this.readClient(clientId),
      secrets: await this.store.reads.clients.enabledClientSecrets(clientId),
    }));
  }

  private async readClient(clientId: string): Promise<TokenServiceClient | null> {
    const row = await this.store.reads.clients.findEnabledClient(clientId);
    if (!row) return null;
    return {
      clientId: row.client_id,
      clientName: row.client_name,
      ...shapeOf(row),
    };
  }

  /** The current secret, or the previous one while its overlap lasts; only for issued, enabled clients. */
  async verifySecret(clientId: string, presented: string): Promise<boolean> {
    if (!presented || presented.length > MAX_PRESENTED_SECRET) return false;
    const stored = (await this.tokenServiceView(clientId)).secrets;
    if (stored.length === 0) return false;
    return this.hasher.accepts(clientId, presented, stored, this.clock());
  }

  /** A first secret for a newly issued client. */
  async issueSecret(repos: Repositories, clientId: string, now: Date): Promise<IssuedSecret> {
    const secret = newClientSecret();
    const fingerprint = secretFingerprint(secret);
    await repos.clients.insertSecret({
      client_id: clientId,
      slot: 'current',
      hash: this.hasher.hash(clientId, secret),
      fingerprint,
      created_at: now.toISOString(),
      expires_at: null,
    });
    return { secret, fingerprint };
  }

  /**
   * A new current secret; the old current one stays valid for `overlapDays` (none: it stops at
   * once). Any older previous secret is dropped, so a client never has more than two.
   */
  async rotateSecret(
    repos: Repositories,
    clientId: string,
    overlapDays: number,
    now: Date,
  ): Promise<IssuedSecret & { previous: { fingerprint: string; expiresAt: string } | null }> {
    const current = (await repos.clients.secretsOf(clientId)).find((s) => s.slot === 'current');
    await repos.clients.deleteSecrets(clientId, 'previous');
    let previous: { fingerprint: string; expiresAt: string } | null = null;
    if (current && overlapDays > 0) {
      const expiresAt = new Date(now.getTime() + overlapDays * DAY_MS).toISOString();
      await repos.clients.demoteCurrentSecret(clientId, expiresAt);
      previous = { fingerprint: current.fingerprint, expiresAt };
    } else {
      await repos.clients.deleteSecrets(clientId, 'current');
    }
    return { ...(await this.issueSecret(repos, clientId, now)), previous };
  }

  sealContact(field: 'email' | 'phone', value: string): string {
    return this.dataKey.seal(value, `clients.contact.${field}`);
  }

  /** The campus's date at `now`, from which deadlines count. */
  today(now: Date): IsoDate {
    return civilDate(now);
  }

  async detail(repos: Repositories, id: number, now: Date): Promise<ApplicationDetail | null> {
    const row = await repos.clients.findApplication(id);
    if (!row) return null;
    const client = await repos.clients.findClientOf(id);
    // One after another: `db` may be a transaction, whose one connection takes one statement at a time.
    const secrets = client ? await repos.clients.secretsOf(client.client_id) : [];
    const history = await historyAbout(repos, applicationTarget(id), [], 50);
    const calendar = await readWorkingCalendar(repos);
    const contact = {
      email: this.dataKey.open(row.contact_email_sealed, 'clients.contact.email'),
      phone: this.dataKey.open(row.contact_phone_sealed, 'clients.contact.phone'),
    };
    return toDetail({ row, client, secrets, history, contact, now, today: this.today(now), calendar: toCalendar(calendar) });
  }
}
