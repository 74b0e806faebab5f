/**
 * Exact money: roubles as decimal strings with two decimals ("1234.50"), kopecks as bigint. The
 * one pair of helpers every contract, SLA and cost figure uses.
 */

/** Kopecks of a decimal rouble string, exactly. */
export function kopecks(amount: string): bigint {
  const negative = amount.startsWith('-');
  const [whole, fraction = ''] = (negative ? amount.slice(1) : amount).split('.');
  const k = BigInt(whole!) * 100n + BigInt((fraction + '00').slice(0, 2));
  return negative ? -k : k;
}

/** A decimal rouble string of kopecks. */
export function formatKopecks(k: bigint): string {
  const negative = k < 0n;
  const a = negative ? -k : k;
  return `${negative ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}
