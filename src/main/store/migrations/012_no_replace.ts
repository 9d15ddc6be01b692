import type { Migration } from '../migrate';

/**
 * `INSERT OR REPLACE` (and `REPLACE INTO`, `UPDATE OR REPLACE`) resolves a UNIQUE conflict by
 * deleting the row in the way, and SQLite fires no DELETE trigger for that deletion unless
 * `recursive_triggers` is on, which no connection can be made to set. So the update and delete
 * triggers of 001-011 could be walked around by replacing a row. These triggers refuse, in the
 * schema and thus for any connection (the sqlite3 CLI on a copy included), every insert or
 * update that would take the unique key of a row the store protects:
 *
 * - the audit log and the verification history: every row (append-only);
 * - verification applications once decided (final);
 * - accounts that have a username (a username never changes or goes);
 * - staff: every row (a staff username never changes);
 * - signing keys: every key by kid (its identity never changes, final states stay final), and the
 *   live active or next key of an algorithm (a replace would delete it with its private key);
 * - clients once deleted, and a client replaced under another clientId for the same application.
 *
 * A trigger cannot tell a REPLACE from a plain INSERT or an UPSERT (BEFORE INSERT fires for all
 * three), so each guard is limited to the protected rows: a plain INSERT that meets one would
 * fail on the UNIQUE constraint anyway (the message says which and why), and UPSERTs of rows
 * the store leaves open (an undecided application, a pending account, settings, the registry,
 * the token service's models) go on as before.
 */

interface UniqueKey {
  /** Trigger name part. */
  name: string;
  columns: readonly string[];
  /** For a partial unique index: the column and value its WHERE names. */
  partial?: { column: string; value: string };
  /** Extra condition on the existing row, beyond the table's protected rows. */
  protectedWhen?: string;
  /** The reason, where it is not the table's. */
  why?: string;
}

interface Guard {
  table: string;
  /** The rows the store protects, as a condition on the existing row; null for every row. */
  protectedWhen: string | null;
  keys: readonly UniqueKey[];
  why: string;
  /** How two rows are told apart in an UPDATE; null where the table refuses every update anyway. */
  identity: string | null;
}

const GUARDS: readonly Guard[] = [
  { table: 'audit_log', protectedWhen: null, keys: [{ name: 'seq', columns: ['seq'] }], why: 'the audit log is append-only, an entry is never replaced', identity: null },
  {
    table: 'verification_events',
    protectedWhen: null,
    keys: [{ name: 'id', columns: ['id'] }],
    why: 'application history is append-only, an event is never replaced',
    identity: null,
  },
  {
    table: 'verification_applications',
    protectedWhen: "status <> 'submitted'",
    keys: [
      { name: 'id', columns: ['id'] },
      { name: 'online_id', columns: ['online_id'] },
    ],
    why: 'a decided application is never replaced',
    identity: 'id',
  },
  {
    table: 'accounts',
    protectedWhen: 'username IS NOT NULL',
    keys: [
      { name: 'id', columns: ['id'] },
      { name: 'username', columns: ['username'] },
      { name: 'number', columns: ['number'] },
      { name: 'doc_index', columns: ['doc_index'] },
    ],
    why: 'an account with a username is never replaced (a jAccount username never changes)',
    identity: 'id',
  },
  {
    table: 'staff',
    protectedWhen: null,
    keys: [
      { name: 'id', columns: ['id'] },
      { name: 'username', columns: ['username'] },
    ],
    why: 'a staff member is never replaced (a staff username never changes)',
    identity: 'id',
  },
  {
    table: 'signing_keys',
    protectedWhen: null,
    keys: [
      { name: 'kid', columns: ['kid'] },
      { name: 'active', columns: ['alg'], partial: { column: 'state', value: 'active' }, why: 'the active key of an algorithm is never replaced (that would delete it)' },
      { name: 'next', columns: ['alg'], partial: { column: 'state', value: 'next' }, why: 'the next key of an algorithm is never replaced (that would delete it)' },
    ],
    why: 'a signing key is never replaced (its kid, algorithm and certificate never change; removed and revoked are final)',
    identity: 'kid',
  },
  {
    table: 'clients',
    protectedWhen: "status = 'deleted'",
    keys: [
      { name: 'client_id', columns: ['client_id'] },
      {
        name: 'application_id',
        columns: ['application_id'],
        protectedWhen: 'client_id IS NOT NEW.client_id',
        why: 'an application keeps its clientId, and a deleted client stays deleted',
      },
    ],
    why: 'a deleted client stays deleted',
    identity: 'client_id',
  },
];

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** Whether the incoming row (NEW) meets a protected row on key `k`; `other` tells that row apart from the one updated. */
function conflict(g: Guard, k: UniqueKey, other: string | null): string {
  const same = k.columns.map((c) => `${c} = NEW.${c}`);
  const partial = k.partial ? [`${k.partial.column} = ${quote(k.partial.value)}`] : [];
  const protectedRow = g.protectedWhen === null ? [] : [k.protectedWhen ? `(${g.protectedWhen} OR ${k.protectedWhen})` : g.protectedWhen];
  const exists = `EXISTS (SELECT 1 FROM ${g.table} WHERE ${[...same, ...partial, ...(other ? [other] : []), ...protectedRow].join(' AND ')})`;
  return k.partial ? `NEW.${k.partial.column} = ${quote(k.partial.value)} AND ${exists}` : exists;
}

function raise(g: Guard, k: UniqueKey): string {
  return `BEGIN SELECT RAISE(ABORT, ${quote(`UNIQUE constraint failed: ${g.table}.${k.columns.join(', ')}: ${k.why ?? g.why}`)}); END;`;
}

/** The CREATE TRIGGER statements: one per unique key for inserts, and one for updates where the table allows updates. */
export function noReplaceTriggers(): string[] {
  return GUARDS.flatMap((g) =>
    g.keys.flatMap((k) => {
      const insert = `CREATE TRIGGER ${g.table}_no_replace_by_${k.name} BEFORE INSERT ON ${g.table}
        WHEN ${conflict(g, k, null)}
        ${raise(g, k)}`;
      if (!g.identity) return [insert];
      const columns = [...k.columns, ...(k.partial ? [k.partial.column] : [])];
      const update = `CREATE TRIGGER ${g.table}_no_update_replace_by_${k.name} BEFORE UPDATE OF ${columns.join(', ')} ON ${g.table}
        WHEN ${conflict(g, k, `${g.identity} IS NOT OLD.${g.identity}`)}
        ${raise(g, k)}`;
      return [insert, update];
    }),
  );
}

export const noReplace: Migration = {
  version: 12,
  name: 'no replace',
  async up(tx) {
    await tx.exec(noReplaceTriggers().join('\n'));
  },
};
