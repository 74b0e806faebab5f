import { type DecimalString } from './types.js';

/**
 * Money is computed in whole kopecks (safe integers: up to 90 trillion roubles) and written as an
 * exact decimal string, never as a float.
 */

export function kopecksFromRoubles(roubles: number): number {
  return Math.round(roubles * 100);
}

/** `1234567` → `"12345.67"`. @throws RangeError for a negative or fractional number of kopecks. */
export function formatKopecks(kopecks: number): DecimalString {
  if (!Number.isSafeInteger(kopecks) || kopecks < 0) {
    throw new RangeError(`Expected a non-negative whole number of kopecks, got ${kopecks}`);
  }
  const roubles = Math.floor(kopecks / 100);
  return `${roubles}.${String(kopecks % 100).padStart(2, '0')}`;
}

/** `"12345.67"` → `1234567n`; exact for any length. */
export function parseDecimalKopecks(text: DecimalString): bigint {
  const m = /^(\d+)\.(\d{2})$/.exec(text);
  if (!m) {
    throw new RangeError(`Expected a decimal with two places, got "${text}"`);
  }
  return BigInt(m[1] as string) * 100n + BigInt(m[2] as string);
}

/** Round a rouble amount to a multiple of `step` roubles, in kopecks. */
export function roundedKopecks(roubles: number, step: number): number {
  return Math.round(roubles / step) * step * 100;
}
