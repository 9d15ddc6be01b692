import { afterEach, describe, expect, it } from 'vitest';
import { storeOf } from '../../src/main/repositories';
import { type TestDesk, openTestDesk } from '../support/desk-fixture';

describe('the store as services see it', () => {
  let t: TestDesk | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('gives repositories on the reader and in transactions, one Store per database, and never the connection', async () => {
    t = await openTestDesk();
    const store = t.desk.store;
    expect(storeOf(t.desk.db)).toBe(store);
    expect(await store.reads.staff.countStaff()).toBe(1);

    await store.write((repos) => repos.settings.saveSetting('desk.probe', '"kept"'));
    await expect(
      store.write(async (repos) => {
        await repos.settings.saveSetting('desk.probe', '"undone"');
        expect(await repos.settings.storedSettings('desk.probe')).toEqual({ 'desk.probe': '"undone"' });
        throw new Error('the caller changed its mind');
      }),
    ).rejects.toThrow('changed its mind');
    expect(await store.reads.settings.storedSettings('desk.probe')).toEqual({ 'desk.probe': '"kept"' });

    // What a handler holds names statements only: no property, enumerable or not, is a connection.
    const holds = [...Reflect.ownKeys(store.reads), ...Reflect.ownKeys(Object.getPrototypeOf(store.reads) as object)];
    expect(holds).not.toContain('run');
    for (const key of Reflect.ownKeys(store.reads)) {
      const value = (store.reads as unknown as Record<PropertyKey, unknown>)[key];
      expect(value === t.desk.db.reader).toBe(false);
    }
  });
});
