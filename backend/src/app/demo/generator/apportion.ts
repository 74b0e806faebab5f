/**
 * Split a whole `total` into whole parts proportional to `weights` (largest-remainder method).
 * The parts always sum to `total`; ties go to the earlier index. All-zero weights: everything to
 * the first part.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  if (!Number.isInteger(total) || total < 0) {
    throw new RangeError(`Cannot apportion ${total}`);
  }
  const parts = weights.map(() => 0);
  if (weights.length === 0 || total === 0) {
    return parts;
  }
  const sum = weights.reduce((a, w) => a + Math.max(0, w), 0);
  if (!(sum > 0)) {
    parts[0] = total;
    return parts;
  }
  const remainders: { index: number; fraction: number }[] = [];
  let assigned = 0;
  weights.forEach((w, index) => {
    const exact = (total * Math.max(0, w)) / sum;
    const whole = Math.floor(exact);
    parts[index] = whole;
    assigned += whole;
    remainders.push({ index, fraction: exact - whole });
  });
  remainders.sort((x, y) => y.fraction - x.fraction || x.index - y.index);
  for (let i = 0; i < total - assigned; i++) {
    const r = remainders[i % remainders.length] as { index: number };
    parts[r.index] = (parts[r.index] as number) + 1;
  }
  return parts;
}
