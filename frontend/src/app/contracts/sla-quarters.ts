/** A calendar quarter as a period of whole days, `to` clipped to today. */
export interface QuarterPeriod {
  year: number;
  quarter: 1 | 2 | 3 | 4;
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Up to `count` calendar quarters that overlap `[start, end]` (the contract's dates), the latest
 * ones up to today's, oldest first; each clipped to today.
 */
export function quartersBetween(
  start: string,
  end: string,
  today: string,
  count = 8,
): QuarterPeriod[] {
  const [ty, tm] = today.split('-').map(Number) as [number, number];
  let year = ty;
  let quarter = Math.floor((tm - 1) / 3) + 1;
  const out: QuarterPeriod[] = [];
  for (let guard = 0; out.length < count && guard < 400; guard++) {
    const firstMonth = (quarter - 1) * 3 + 1;
    const lastMonth = firstMonth + 2;
    const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
    const from = `${year}-${pad(firstMonth)}-01`;
    const qEnd = `${year}-${pad(lastMonth)}-${pad(lastDay)}`;
    const to = qEnd < today ? qEnd : today;
    if (to >= start && from <= end) {
      out.push({ year, quarter: quarter as QuarterPeriod['quarter'], from, to });
    } else if (qEnd < start) {
      break;
    }
    quarter--;
    if (quarter === 0) {
      quarter = 4;
      year--;
    }
  }
  return out.reverse();
}
