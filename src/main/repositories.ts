import * as credentials from './accounts/account-credential-repository';
import * as accounts from './accounts/account-repository';
import * as search from './accounts/account-search-repository';
import * as activationCodes from './accounts/activation-code-repository';
import * as importBatches from './accounts/import-batch-repository';
import * as lookupBudgets from './accounts/lookup-budget-repository';
import * as signInAttempts from './accounts/sign-in-attempt-repository';
import * as statusEvents from './accounts/status-event-repository';
import * as audit from './audit/audit-repository';
import * as clients from './clients/client-repository';
import * as calendar from './clients/working-calendar-repository';
import * as keyring from './crypto/keyring-repository';
import * as keySchedule from './keys/key-schedule-repository';
import * as revocations from './keys/revocation-repository';
import * as signingKeys from './keys/signing-key-repository';
import * as notifyConfig from './notify/notify-config-repository';
import * as outbox from './notify/outbox-repository';
import * as grants from './oidc/grant-repository';
import * as oidcModels from './oidc/oidc-model-repository';
import * as lockouts from './operators/lockout-repository';
import * as sessions from './operators/session-repository';
import * as staff from './operators/staff-repository';
import * as holderSessions from './portal/holder-session-repository';
import * as identityChecks from './recovery/identity-check-repository';
import * as recoveryCodes from './recovery/recovery-code-repository';
import * as settings from './settings/settings-repository';
import * as vacations from './verification/academic-vacation-repository';
import * as applications from './verification/application-repository';
import * as graduates from './verification/graduate-registry-repository';
import * as departments from './verification/staff-department-repository';
import * as uploads from './verification/upload-repository';
import * as trustBundles from './verify/trust-bundle-repository';
import type { Database, Queryable } from './store/database';
import type { ChangeFeed, Topic } from './store/change-feed';

const MODULES = {
  accounts,
  activationCodes,
  applications,
  audit,
  calendar,
  clients,
  credentials,
  departments,
  grants,
  graduates,
  holderSessions,
  identityChecks,
  importBatches,
  keyring,
  keySchedule,
  lockouts,
  lookupBudgets,
  notifyConfig,
  oidcModels,
  outbox,
  recoveryCodes,
  revocations,
  search,
  sessions,
  settings,
  signInAttempts,
  signingKeys,
  staff,
  statusEvents,
  trustBundles,
  uploads,
  vacations,
};

type Modules = typeof MODULES;

/**
 * What desks cache (the session cache, the token service's keys and clients), by the repositories
 * whose tables it is read from: any of their statements in a write transaction announces the
 * topic (change-feed.ts), reads included, since telling a read from a write by name would be a guess.
 */
const TOPIC_OF: Partial<Record<keyof Modules, Topic>> = {
  sessions: 'sessions',
  staff: 'staff',
  lockouts: 'staff',
  departments: 'staff',
  settings: 'settings',
  clients: 'clients',
  signingKeys: 'keys',
  keySchedule: 'keys',
  revocations: 'keys',
};

/** A repository module's statements, with the connection they run on already given. */
type Bound<M> = {
  readonly [K in keyof M as M[K] extends (q: Queryable, ...rest: never[]) => unknown ? K : never]: M[K] extends (q: Queryable, ...rest: infer A) => infer R
    ? (...rest: A) => R
    : never;
};

/**
 * Every table's owning repository on one connection: a write transaction, or the read
 * connection. Handlers, services and the token service's adapter are given this, never the
 * connection itself, so the only SQL they can run is a repository's named statements.
 */
export type Repositories = { readonly [N in keyof Modules]: Bound<Modules[N]> };

/** Kept beside the repositories, not on them: what a handler holds reaches no connection. */
const connections = new WeakMap<object, Queryable>();
const made = new WeakMap<Queryable, Repositories>();

function bind(module: object, q: Queryable, topic: Topic | undefined): object {
  const bound: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(module)) {
    if (typeof value !== 'function') continue;
    const statement = value as (q: Queryable, ...r: unknown[]) => unknown;
    bound[name] = topic
      ? (...rest: unknown[]) => {
          q.announce?.(topic);
          return statement(q, ...rest);
        }
      : (...rest: unknown[]) => statement(q, ...rest);
  }
  return Object.freeze(bound);
}

// Each module is bound on first use on a connection: most calls touch two or three of them.
const PROTOTYPE: object = Object.create(null);
for (const [name, module] of Object.entries(MODULES)) {
  Object.defineProperty(PROTOTYPE, name, {
    get(this: object) {
      const bound = bind(module, connections.get(this)!, TOPIC_OF[name as keyof Modules]);
      Object.defineProperty(this, name, { value: bound });
      return bound;
    },
  });
}

export function repositoriesFor(q: Queryable): Repositories {
  let repos = made.get(q);
  if (!repos) {
    const holder: object = Object.create(PROTOTYPE);
    connections.set(holder, q);
    repos = holder as Repositories;
    made.set(q, repos);
  }
  return repos;
}

/**
 * The store as services see it: repositories on the read connection, and write transactions
 * that hand out repositories.
 */
export interface Store {
  /** What commits here and at other desks changed: what caches of committed reads watch. */
  readonly changes: ChangeFeed;
  /** Repositories on the read connection, which only ever sees committed data. */
  readonly reads: Repositories;
  /** One transaction: it commits when `work` resolves and rolls back when it throws. */
  write<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  /** Runs `hook` right after the write transaction in progress commits (Database.onCommit). */
  onCommit(hook: () => void): void;
  /** Resolves once every write queued before it has finished. */
  settled(): Promise<void>;
}

const stores = new WeakMap<Database, Store>();

/** The one Store of a database, so that what is kept per store (caches, memos) is shared. */
export function storeOf(db: Database): Store {
  let store = stores.get(db);
  if (!store) {
    store = {
      changes: db.changes,
      reads: repositoriesFor(db.reader),
      write: (work) => db.write((tx) => work(repositoriesFor(tx))),
      onCommit: (hook) => db.onCommit(hook),
      settled: () => db.raw(async () => undefined),
    };
    stores.set(db, store);
  }
  return store;
}
