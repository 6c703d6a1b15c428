import { describe, expect, it } from 'vitest';
import { InGroups } from './in-groups.js';

const gate = () => {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
};

describe('InGroups', () => {
  it('a lone call runs at once; calls made while a group runs form the next group, at most maxGroup each, one group at a time', async () => {
    const groups: number[][] = [];
    let running = 0;
    let most = 0;
    const first = gate();
    const grouped = new InGroups<number, string>(async (items) => {
      running += 1;
      most = Math.max(most, running);
      groups.push([...items]);
      if (items[0] === 0) await first.opened;
      running -= 1;
      return items.map((i) => `out ${i}`);
    }, 3);
    const lone = grouped.submit(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(groups).toEqual([[0]]);
    const later = [1, 2, 3, 4, 5].map((i) => grouped.submit(i));
    first.open();
    expect(await lone).toBe('out 0');
    expect(await Promise.all(later)).toEqual(['out 1', 'out 2', 'out 3', 'out 4', 'out 5']);
    expect(groups).toEqual([[0], [1, 2, 3], [4, 5]]);
    expect(most).toBe(1);
  });

  it('a group that throws fails its own calls only, and the next group runs', async () => {
    const grouped = new InGroups<number, number>(async (items) => {
      if (items.includes(1)) throw new Error('boom');
      return items.map((i) => i * 10);
    }, 2);
    const calls = [1, 2, 3].map((i) =>
      grouped.submit(i).then(
        (v) => `ok ${v}`,
        (e: Error) => `failed: ${e.message}`,
      ),
    );
    expect(await Promise.all(calls)).toEqual(['failed: boom', 'failed: boom', 'ok 30']);
    expect(grouped.waiting).toBe(0);
  });

  it('a group answering fewer outputs than calls fails the calls left without one', async () => {
    const grouped = new InGroups<number, number>(async (items) => items.slice(1), 5);
    const calls = [1, 2].map((i) => grouped.submit(i).then(String, (e: Error) => e.message));
    expect(await Promise.all(calls)).toEqual(['2', 'InGroups: 1 outputs for a group of 2']);
  });
});
