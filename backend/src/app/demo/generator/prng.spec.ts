import { describe, expect, it } from 'vitest';
import { apportion } from './apportion.js';
import { formatKopecks, kopecksFromRoubles, parseDecimalKopecks } from './money.js';
import { Prng } from './prng.js';

function draw(rng: Prng, n: number): number[] {
  return Array.from({ length: n }, () => rng.next());
}

describe('Prng', () => {
  it('gives the same sequence for the same seed, a numeric seed equal to its string', () => {
    expect(draw(Prng.from('radfleet'), 100)).toEqual(draw(Prng.from('radfleet'), 100));
    expect(draw(Prng.from(42), 100)).toEqual(draw(Prng.from('42'), 100));
  });

  it('gives different sequences for different seeds', () => {
    expect(draw(Prng.from(1), 20)).not.toEqual(draw(Prng.from(2), 20));
  });

  it('derives forks from the seed and label only, not from what was drawn before', () => {
    const a = Prng.from(7);
    const b = Prng.from(7);
    draw(b, 1_000);
    expect(draw(a.fork('devices'), 50)).toEqual(draw(b.fork('devices'), 50));
    expect(draw(a.fork('devices'), 50)).not.toEqual(draw(a.fork('contracts'), 50));
  });

  it('draws uniform numbers in [0, 1) with the right mean, and inclusive integer ranges', () => {
    const rng = Prng.from('uniform');
    const values = draw(rng, 20_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.reduce((a, b) => a + b, 0) / values.length).toBeCloseTo(0.5, 1);
    const ints = new Set(Array.from({ length: 2_000 }, () => rng.int(3, 6)));
    expect([...ints].sort()).toEqual([3, 4, 5, 6]);
  });

  it('draws normal and Poisson numbers with the requested mean and spread', () => {
    const rng = Prng.from('shapes');
    const normals = Array.from({ length: 20_000 }, () => rng.normal(10, 2));
    const mean = normals.reduce((a, b) => a + b, 0) / normals.length;
    const sd = Math.sqrt(normals.reduce((a, b) => a + (b - mean) ** 2, 0) / normals.length);
    expect(mean).toBeCloseTo(10, 1);
    expect(sd).toBeCloseTo(2, 1);
    for (const lambda of [0.5, 4, 25, 80]) {
      const counts = Array.from({ length: 10_000 }, () => rng.poisson(lambda));
      expect(counts.reduce((a, b) => a + b, 0) / counts.length).toBeCloseTo(
        lambda,
        lambda > 10 ? 0 : 1,
      );
      expect(Math.min(...counts)).toBeGreaterThanOrEqual(0);
    }
  });

  it('samples distinct items without replacement, favouring heavy ones and never weight 0 before others', () => {
    const rng = Prng.from('sample');
    const items = Array.from({ length: 100 }, (_, i) => i);
    const chosen = rng.sampleWeighted(items, 30, (i) => (i < 50 ? 0 : i));
    expect(new Set(chosen).size).toBe(30);
    expect(chosen.every((i) => i >= 50)).toBe(true);
  });

  it('fills patterns with digits and capital letters', () => {
    const value = Prng.from('p').pattern('AA-####');
    expect(value).toMatch(/^[A-Z]{2}-\d{4}$/);
  });
});

describe('apportion', () => {
  it('splits a total into whole parts that add up, in proportion to the weights', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(306, [2, 1, 0, 1])).toEqual([153, 77, 0, 76]);
    expect(apportion(5, [0, 0])).toEqual([5, 0]);
    expect(apportion(0, [1, 2])).toEqual([0, 0]);
  });
});

describe('money', () => {
  it('writes kopecks as exact decimals and reads them back', () => {
    expect(formatKopecks(123_456_789)).toBe('1234567.89');
    expect(formatKopecks(5)).toBe('0.05');
    expect(formatKopecks(kopecksFromRoubles(48_763_200))).toBe('48763200.00');
    expect(parseDecimalKopecks('1234567.89')).toBe(123_456_789n);
    expect(() => formatKopecks(1.5)).toThrow(RangeError);
    expect(() => formatKopecks(-1)).toThrow(RangeError);
  });
});
