/**
 * A small seeded pseudo-random number generator: sfc32 (Chris Doty-Humphrey's Small Fast Counter,
 * as in PractRand), seeded from a string through cyrb128. Same seed, same sequence, on every
 * platform: only 32-bit integer arithmetic is involved in drawing numbers.
 *
 * `fork(label)` derives an independent stream from the root seed and a label, not from the
 * current state, so each part of the demo city can draw as many numbers as it likes without
 * shifting the numbers of any other part.
 */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | null = null;

  constructor(readonly seed: string) {
    [this.a, this.b, this.c, this.d] = cyrb128(seed);
    for (let i = 0; i < 12; i++) {
      this.nextUint32();
    }
  }

  /** A generator for `seed`, numeric seeds included (`42` and `'42'` give the same stream). */
  static from(seed: number | string): Prng {
    return new Prng(String(seed));
  }

  /** An independent stream named `label` under this generator's seed. */
  fork(label: string): Prng {
    return new Prng(`${this.seed}\u001f${label}`);
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4_294_967_296;
  }

  /** Uniform in [min, max). */
  float(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Uniform integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) {
      throw new RangeError('Cannot pick from an empty list');
    }
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** One item, with probability proportional to its weight. */
  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    let total = 0;
    for (const item of items) {
      total += Math.max(0, weight(item));
    }
    if (!(total > 0)) {
      return this.pick(items);
    }
    let r = this.next() * total;
    for (const item of items) {
      r -= Math.max(0, weight(item));
      if (r < 0) {
        return item;
      }
    }
    return items[items.length - 1] as T;
  }

  /** Standard normal by Box–Muller (the second value of each pair is kept for the next call). */
  normal(mean = 0, sd = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + sd * z;
    }
    const u = 1 - this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return mean + sd * r * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median and log-scale spread. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Poisson count: exact (Knuth) for small means, normal approximation above 30. */
  poisson(mean: number): number {
    if (!(mean > 0)) {
      return 0;
    }
    if (mean > 30) {
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    }
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  }

  /**
   * `count` distinct items, each drawn with probability proportional to its weight
   * (Efraimidis–Spirakis weighted sampling without replacement). Items of weight 0 come last.
   */
  sampleWeighted<T>(items: readonly T[], count: number, weight: (item: T) => number): T[] {
    const keyed = items.map((item) => {
      const w = weight(item);
      const key = w > 0 ? Math.log(1 - this.next()) / w : -Infinity;
      return { item, key };
    });
    keyed.sort((x, y) => y.key - x.key);
    return keyed.slice(0, Math.max(0, count)).map((k) => k.item);
  }

  /** A string from a pattern: `#` digit, `A` capital Latin letter; anything else is copied. */
  pattern(template: string): string {
    let out = '';
    for (const ch of template) {
      if (ch === '#') {
        out += String(this.int(0, 9));
      } else if (ch === 'A') {
        out += LETTERS[this.int(0, LETTERS.length - 1)];
      } else {
        out += ch;
      }
    }
    return out;
  }
}

const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

/** cyrb128 by bryc: a fast 128-bit string hash, good enough to seed sfc32. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1_779_033_703;
  let h2 = 3_144_134_277;
  let h3 = 1_013_904_242;
  let h4 = 2_773_480_762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597_399_067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2_869_860_233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951_274_213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2_716_044_179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597_399_067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2_869_860_233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951_274_213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2_716_044_179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}
