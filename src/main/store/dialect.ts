/**
 * The few SQL fragments the two engines spell differently. Everything else a repository writes
 * is SQL both accept: `?` placeholders (the PostgreSQL executor numbers them), `RETURNING`,
 * `ON CONFLICT ... DO NOTHING | DO UPDATE`, `IS DISTINCT FROM`, `CAST(x AS BIGINT)`, `->>`.
 */
export type Engine = 'sqlite' | 'postgres';

/** The rows of a JSON array bound as one parameter, each as column `value` of the table `alias`: scalars as text. */
export function jsonTexts(engine: Engine, alias = 'j'): string {
  return engine === 'sqlite' ? `json_each(?) AS ${alias}` : `json_array_elements_text(CAST(? AS json)) AS ${alias}(value)`;
}

/**
 * The rows of a JSON array of arrays or objects bound as one parameter, as column `value`
 * (read fields with `value ->> 0` or `value ->> 'name'`) and `ordinal`, the row's index from 0.
 */
export function jsonRows(engine: Engine, alias = 'j'): string {
  return engine === 'sqlite'
    ? `(SELECT value, key AS ordinal FROM json_each(?)) AS ${alias}`
    : `(SELECT value, ordinality - 1 AS ordinal FROM json_array_elements(CAST(? AS json)) WITH ORDINALITY) AS ${alias}`;
}

/** A JSON array of `expr` over the group, as text; `[]` for no rows on both engines. */
export function jsonArrayAgg(engine: Engine, expr: string): string {
  return engine === 'sqlite' ? `json_group_array(${expr})` : `coalesce(json_agg(${expr}), '[]'::json)`;
}

/** `json_object('k', v, ...)` on SQLite, `json_build_object` on PostgreSQL. */
export function jsonObject(engine: Engine, pairs: readonly (readonly [string, string])[]): string {
  const args = pairs.map(([key, expr]) => `'${key}', ${expr}`).join(', ');
  return engine === 'sqlite' ? `json_object(${args})` : `json_build_object(${args})`;
}

/** `json_array(...)` on SQLite, `json_build_array` on PostgreSQL. */
export function jsonArray(engine: Engine, exprs: readonly string[]): string {
  return `${engine === 'sqlite' ? 'json_array' : 'json_build_array'}(${exprs.join(', ')})`;
}

/** The text at `path` (object keys) inside a TEXT column holding JSON. */
export function jsonField(engine: Engine, column: string, ...path: string[]): string {
  const keys = path.map((k) => `'${k}'`);
  const last = keys.pop()!;
  const base = engine === 'sqlite' ? column : `CAST(${column} AS jsonb)`;
  return [base, ...keys].join(' -> ') + ` ->> ${last}`;
}

/** The larger of two values (SQLite's two-argument max). */
export function greatest(engine: Engine, a: string, b: string): string {
  return engine === 'sqlite' ? `max(${a}, ${b})` : `greatest(${a}, ${b})`;
}

/** The smaller of two values (SQLite's two-argument min). */
export function least(engine: Engine, a: string, b: string): string {
  return engine === 'sqlite' ? `min(${a}, ${b})` : `least(${a}, ${b})`;
}

/** Whole milliseconds from the ISO 8601 text `earlier` to the ISO 8601 text `later` (rounded: julianday's doubles are a few µs off). */
export function millisBetween(engine: Engine, later: string, earlier: string): string {
  return engine === 'sqlite'
    ? `round((julianday(${later}) - julianday(${earlier})) * 86400000.0)`
    : `(EXTRACT(EPOCH FROM (CAST(${later} AS timestamptz) - CAST(${earlier} AS timestamptz))) * 1000)`;
}

/**
 * Rows a statement takes for itself, skipping those another transaction holds, so that
 * several desks claiming work each get different rows (PostgreSQL); SQLite has one writer at a
 * time and needs nothing.
 */
export function skipLocked(engine: Engine): string {
  return engine === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
}

/**
 * The row a transaction reads to decide, held until it commits: another desk deciding about the
 * same row waits and then reads the outcome (PostgreSQL); SQLite's one writer needs nothing.
 */
export function forUpdate(engine: Engine): string {
  return engine === 'postgres' ? ' FOR UPDATE' : '';
}
