import { describe, expect, it } from 'vitest';
import { InGroups } from './in-groups.js';

const gate = () => {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
};

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** Items are `key:n`; the key is what comes before the colon. */
const keyOf = (item: string): string => item.split(':')[0] ?? item;

describe('InGroups', () => {
  it('a lone call runs at once; calls made while groups run form the next groups, at most maxGroup each, one group at a time with concurrency 1', async () => {
    const groups: string[][] = [];
    let running = 0;
    let most = 0;
    const first = gate();
    const grouped = new InGroups<string, string>(
      async (items) => {
        running += 1;
        most = Math.max(most, running);
        groups.push([...items]);
        if (items[0] === 'a:0') await first.opened;
        running -= 1;
        return items.map((i) => `out ${i}`);
      },
      { maxGroup: 3, concurrency: 1, keyOf },
    );
    const lone = grouped.submit('a:0');
    await turn();
    expect(groups).toEqual([['a:0']]);
    const later = ['b:1', 'c:2', 'd:3', 'e:4', 'f:5'].map((i) => grouped.submit(i));
    first.open();
    expect(await lone).toBe('out a:0');
    expect(await Promise.all(later)).toEqual(['out b:1', 'out c:2', 'out d:3', 'out e:4', 'out f:5']);
    expect(groups).toEqual([['a:0'], ['b:1', 'c:2', 'd:3'], ['e:4', 'f:5']]);
    expect(most).toBe(1);
  });

  it('runs up to `concurrency` groups at once, and an item whose key is in a running group waits for that group to end', async () => {
    const gates = new Map<string, ReturnType<typeof gate>>();
    const started: string[][] = [];
    const grouped = new InGroups<string, string>(
      async (items) => {
        started.push([...items]);
        const g = gate();
        gates.set(items.join(','), g);
        await g.opened;
        return [...items];
      },
      { maxGroup: 2, concurrency: 2, keyOf },
    );
    const calls = ['a:1', 'b:1'].map((i) => grouped.submit(i));
    await turn();
    calls.push(...['a:2', 'c:1', 'd:1', 'e:1'].map((i) => grouped.submit(i)));
    await turn();
    // The first group holds a and b; a:2 waits for it, the second group takes c and d.
    expect(started).toEqual([
      ['a:1', 'b:1'],
      ['c:1', 'd:1'],
    ]);
    expect(grouped.waiting).toBe(2);
    gates.get('a:1,b:1')?.open();
    await turn();
    expect(started[2]).toEqual(['a:2', 'e:1']);
    gates.get('c:1,d:1')?.open();
    gates.get('a:2,e:1')?.open();
    expect(await Promise.all(calls)).toEqual(['a:1', 'b:1', 'a:2', 'c:1', 'd:1', 'e:1']);
  });

  it('a group that throws fails its own calls only, and the next group runs', async () => {
    const grouped = new InGroups<string, string>(
      async (items) => {
        if (items.includes('x:1')) throw new Error('boom');
        return items.map((i) => i.toUpperCase());
      },
      { maxGroup: 2, concurrency: 1, keyOf },
    );
    const calls = ['x:1', 'y:2', 'z:3'].map((i) =>
      grouped.submit(i).then(
        (v) => `ok ${v}`,
        (e: Error) => `failed: ${e.message}`,
      ),
    );
    expect(await Promise.all(calls)).toEqual(['failed: boom', 'failed: boom', 'ok Z:3']);
    expect(grouped.waiting).toBe(0);
  });

  it('a group answering fewer outputs than calls fails the calls left without one', async () => {
    const grouped = new InGroups<string, string>(async (items) => items.slice(1), { maxGroup: 5, concurrency: 1, keyOf });
    const calls = ['p:1', 'q:2'].map((i) => grouped.submit(i).then(String, (e: Error) => e.message));
    expect(await Promise.all(calls)).toEqual(['q:2', 'InGroups: 1 outputs for a group of 2']);
  });
});
