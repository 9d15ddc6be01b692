import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/main/audit/audit-log';
import { type TestDesk, openTestDesk } from '../support/desk-fixture';

describe('the audit chain', () => {
  let t: TestDesk | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('stays whole when two writers append in turn, each remembering an end the other moved, and after a rolled-back append', async () => {
    t = await openTestDesk();
    const { desk } = t;
    const other = new AuditLog(desk.dataKey.derive('audit-chain'), desk.store.reads);
    const entry = (action: string) => ({ actor: 'test', desk: null, action, target: null, outcome: 'success' as const, detail: {} });
    const seqs: number[] = [];
    for (let i = 0; i < 6; i++) {
      const log = i % 2 ? other : desk.audit;
      seqs.push(await desk.store.write((repos) => log.append(repos, entry(`test.turn${i}`), t!.clock.now)));
    }
    await expect(
      desk.store.write(async (repos) => {
        await desk.audit.append(repos, entry('test.undone'), t!.clock.now);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    seqs.push(await desk.store.write((repos) => desk.audit.append(repos, entry('test.after'), t!.clock.now)));

    expect(seqs.slice(1).map((s, i) => s - seqs[i]!)).toEqual([1, 1, 1, 1, 1, 1]);
    const verified = await desk.audit.verify();
    expect(verified).toMatchObject({ ok: true, firstBroken: null });
    const { entries } = await desk.audit.list({}, 1, 100);
    expect(entries.map((e) => e.action)).not.toContain('test.undone');
    expect(entries.map((e) => e.action)).toContain('test.after');
  });
});
