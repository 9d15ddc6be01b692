import { describe, expect, it } from 'vitest';
import { StoreLocationError, describeStore, parseStoreLocation } from '../../src/main/store/store-location';

describe('--store', () => {
  it('is SQLite in the data directory when absent', () => {
    expect(parseStoreLocation(undefined)).toEqual({ engine: 'sqlite' });
    expect(parseStoreLocation('  ')).toEqual({ engine: 'sqlite' });
  });

  it('reads a PostgreSQL URL into its parts, the port defaulting to 5432', () => {
    expect(parseStoreLocation('postgres://desk:s3cret@db.example.edu.cn:6543/jaccount')).toMatchObject({
      engine: 'postgres',
      host: 'db.example.edu.cn',
      port: 6543,
      database: 'jaccount',
      user: 'desk',
    });
    expect(parseStoreLocation('postgresql://desk@127.0.0.1/jaccount')).toMatchObject({ port: 5432 });
  });

  it.each([
    ['jaccount', /is not a URL/],
    ['mysql://desk@host/db', /the scheme "mysql" is not postgres/],
    ['postgres://desk@host:70000/db', /is not a URL|port/],
    ['postgres://desk@host:5432', /the database name is missing/],
    ['postgres://desk@host:5432/', /the database name is missing/],
    ['postgres://host:5432/db', /the user is missing/],
    ['postgres://desk@host/a/b', /"a\/b" is not a database name/],
  ])('names what is wrong in %s, and the form expected', (text, problem) => {
    const err = (() => {
      try {
        parseStoreLocation(text);
      } catch (e) {
        return e as Error;
      }
      throw new Error('accepted');
    })();
    expect(err).toBeInstanceOf(StoreLocationError);
    expect(err.message).toMatch(problem);
    expect(err.message).toContain('expected postgres://user[:password]@host[:port]/database');
  });

  it('never repeats a password, neither in an error nor in a description', () => {
    expect(() => parseStoreLocation('postgres://desk:hunter2@')).toThrow(StoreLocationError);
    try {
      parseStoreLocation('postgres://desk:hunter2@');
    } catch (e) {
      expect((e as Error).message).not.toContain('hunter2');
    }
    const location = parseStoreLocation('postgres://desk:hunter2@db/jaccount');
    expect(describeStore(location, '/d', 'desk.sqlite')).toBe('PostgreSQL desk@db:5432/jaccount');
  });
});
