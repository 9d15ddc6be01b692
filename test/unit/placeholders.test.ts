import { describe, expect, it } from 'vitest';
import { positional } from '../../src/main/store/placeholders';

describe('placeholders for PostgreSQL', () => {
  it('numbers bare placeholders in order and keeps numbered ones', () => {
    expect(positional('SELECT * FROM a WHERE x = ? AND y IN (?, ?)')).toBe('SELECT * FROM a WHERE x = $1 AND y IN ($2, $3)');
    expect(positional('SELECT ?2 + key FROM t WHERE v = ?1')).toBe('SELECT $2 + key FROM t WHERE v = $1');
  });

  it('leaves question marks in literals, quoted names and comments alone', () => {
    expect(positional(`SELECT '?', 'it''s ?', "odd?name" FROM t -- why?\nWHERE a = ? /* or ? */ AND b = ?`)).toBe(
      `SELECT '?', 'it''s ?', "odd?name" FROM t -- why?\nWHERE a = $1 /* or ? */ AND b = $2`,
    );
  });
});
