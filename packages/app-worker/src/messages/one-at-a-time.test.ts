import { describe, expect, it } from 'vitest';
import { OneAtATime } from './one-at-a-time.js';

const gate = () => {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
};

describe('OneAtATime', () => {
  it('runs tasks of one key one after another, in order, and tasks of other keys meanwhile', async () => {
    const lock = new OneAtATime();
    const log: string[] = [];
    const first = gate();
    const a1 = lock.run('A', async () => {
      log.push('a1 start');
      await first.opened;
      log.push('a1 end');
      return 1;
    });
    const a2 = lock.run('A', async () => (log.push('a2'), 2));
    const b1 = lock.run('B', async () => (log.push('b1'), 3));
    expect(await b1).toBe(3);
    expect(log).toEqual(['a1 start', 'b1']);
    first.open();
    expect([await a1, await a2]).toEqual([1, 2]);
    expect(log).toEqual(['a1 start', 'b1', 'a1 end', 'a2']);
  });

  it('a failed task does not stop the next one of its key, and keys are forgotten once idle', async () => {
    const lock = new OneAtATime();
    const failed = lock.run('A', async () => {
      throw new Error('boom');
    });
    const next = lock.run('A', async () => 'ran');
    await expect(failed).rejects.toThrow('boom');
    expect(await next).toBe('ran');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lock.busyKeys).toBe(0);
  });
});
