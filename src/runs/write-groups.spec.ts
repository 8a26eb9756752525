import { describe, expect, it } from '@jest/globals';
import { WriteGroups } from './write-groups.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('WriteGroups', () => {
  it('writes a lone item at once, in a group of one', async () => {
    const groups: number[][] = [];
    const writer = new WriteGroups(
      async (items: number[]) => {
        groups.push(items);
        return items.map((n) => n * 2);
      },
      { maxRows: 100, maxInFlight: 2 },
    );
    await expect(writer.add(21)).resolves.toBe(42);
    expect(groups).toEqual([[21]]);
  });

  it('groups what arrives while writes are in flight, up to maxRows per group', async () => {
    const groups: number[][] = [];
    const release: (() => void)[] = [];
    const writer = new WriteGroups(
      async (items: number[]) => {
        groups.push(items);
        await new Promise<void>((resolve) => release.push(resolve));
        return items;
      },
      { maxRows: 3, maxInFlight: 1 },
    );
    const first = writer.add(0);
    await tick();
    const rest = [1, 2, 3, 4, 5].map((n) => writer.add(n));
    await tick();
    expect(groups).toEqual([[0]]);
    release.shift()!();
    await first;
    await tick();
    expect(groups).toEqual([[0], [1, 2, 3]]);
    release.shift()!();
    await tick();
    await tick();
    release.shift()!();
    await expect(Promise.all(rest)).resolves.toEqual([1, 2, 3, 4, 5]);
    expect(groups).toEqual([[0], [1, 2, 3], [4, 5]]);
  });

  it('rejects every item of a group whose write failed, and goes on with the next group', async () => {
    let calls = 0;
    const writer = new WriteGroups(
      async (items: string[]) => {
        calls += 1;
        if (calls === 1) throw new Error('database down');
        return items;
      },
      { maxRows: 10, maxInFlight: 1 },
    );
    const failed = [writer.add('a'), writer.add('b')];
    await expect(failed[0]).rejects.toThrow('database down');
    await expect(failed[1]).rejects.toThrow('database down');
    await expect(writer.add('c')).resolves.toBe('c');
  });

  it('closes a group at maxWeight, and writes an item heavier than that alone', async () => {
    const groups: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const writer = new WriteGroups(
      async (items: number[]) => {
        groups.push(items);
        if (groups.length === 1) await gate;
        return items;
      },
      { maxRows: 10, maxInFlight: 1, maxWeight: 100, weight: (n) => n as number },
    );
    const first = writer.add(1);
    await tick();
    const rest = [40, 50, 20, 500, 10].map((n) => writer.add(n));
    release();
    await first;
    await Promise.all(rest);
    expect(groups).toEqual([[1], [40, 50], [20], [500], [10]]);
  });
});
