import { describe, expect, it } from 'vitest';

import { TtlCache } from '../../bot/policy/rbac/ttl-cache.js';

function clock() {
  let time = 1_000;
  return { now: () => time, advance: (ms: number) => { time += ms; } };
}

describe('TtlCache', () => {
  it('reuses fresh value', async () => {
    const time = clock();
    const cache = new TtlCache<number>(100, time.now);
    let loads = 0;
    const load = async () => ++loads;
    await cache.get('k', load);
    time.advance(99);
    expect(await cache.get('k', load)).toBe(1);
  });

  it('reloads after ttl', async () => {
    const time = clock();
    const cache = new TtlCache<number>(100, time.now);
    let loads = 0;
    const load = async () => ++loads;
    await cache.get('k', load);
    time.advance(100);
    expect(await cache.get('k', load)).toBe(2);
  });

  it('shares concurrent load', async () => {
    const cache = new TtlCache<number>(100, clock().now);
    let loads = 0;
    const load = async () => {
      loads += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return loads;
    };
    await Promise.all([cache.get('k', load), cache.get('k', load), cache.get('k', load)]);
    expect(loads).toBe(1);
  });

  it('does not store failure', async () => {
    const cache = new TtlCache<number>(100, clock().now);
    await expect(cache.get('k', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(await cache.get('k', async () => 7)).toBe(7);
  });

  it('ttl zero stores nothing', async () => {
    const cache = new TtlCache<number>(0, clock().now);
    let loads = 0;
    const load = async () => ++loads;
    await cache.get('k', load);
    expect(await cache.get('k', load)).toBe(2);
  });
});
