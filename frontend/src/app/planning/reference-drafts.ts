import type { LifeBand, ReplacementPrice } from '@radfleet/shared';
import { PRIORITY_FACTORS } from '@radfleet/shared';

/**
 * The checks of the reference editors' drafts, before anything is sent: the same rules the server
 * applies (shared DTOs and the planning rules), with messages as i18n keys so that each shows in
 * the user's language next to its field. Keys are the API's field paths (`bands.2.lifeYears`).
 */
export type DraftErrors = Record<
  string,
  string | { key: string; params?: Record<string, string | number> }
>;

const MONEY = /^\d{1,14}(\.\d{1,2})?$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const isWhole = (n: number, min: number, max: number) =>
  Number.isInteger(n) && n >= min && n <= max;

/** Life bands: whole numbers in range, a source, one band from 0 per modality, no minimum twice. */
export function lifeBandDraftErrors(bands: readonly LifeBand[]): DraftErrors {
  const e: DraftErrors = {};
  if (bands.length === 0) e['bands'] = { key: 'planning.edit.err.noBands' };
  const seen = new Set<string>();
  bands.forEach((b, i) => {
    if (!isWhole(b.minStudiesPerYear, 0, 10_000_000))
      e[`bands.${i}.minStudiesPerYear`] = { key: 'planning.edit.err.studies' };
    if (!isWhole(b.lifeYears, 1, 50)) e[`bands.${i}.lifeYears`] = { key: 'planning.edit.err.life' };
    if (!b.source.trim()) e[`bands.${i}.source`] = { key: 'planning.edit.err.source' };
    const key = `${b.modality}:${b.minStudiesPerYear}`;
    if (seen.has(key)) e[`bands.${i}.minStudiesPerYear`] = { key: 'planning.edit.err.twice' };
    seen.add(key);
  });
  for (const m of new Set(bands.map((b) => b.modality)))
    if (!bands.some((b) => b.modality === m && b.minStudiesPerYear === 0))
      e['bands'] = { key: 'planning.edit.err.fromZero', params: { modality: m } };
  return e;
}

/** Prices: an amount with at most two decimals, a date, a source, no two from the same day. */
export function priceDraftErrors(
  prices: readonly ReplacementPrice[],
  escalationPct: string,
): DraftErrors {
  const e: DraftErrors = {};
  const pct = Number(escalationPct.replace(',', '.'));
  if (escalationPct.trim() === '' || !Number.isFinite(pct) || pct < 0 || pct > 100)
    e['escalationPct'] = { key: 'planning.edit.err.escalation' };
  const seen = new Set<string>();
  prices.forEach((p, i) => {
    if (!MONEY.test(p.price.trim().replace(',', '.')) || Number(p.price.replace(',', '.')) <= 0)
      e[`prices.${i}.price`] = { key: 'planning.edit.err.price' };
    if (!DAY.test(p.effectiveFrom) || Number.isNaN(Date.parse(p.effectiveFrom)))
      e[`prices.${i}.effectiveFrom`] = { key: 'planning.edit.err.date' };
    if (!p.source.trim()) e[`prices.${i}.source`] = { key: 'planning.edit.err.source' };
    const key = `${p.modality}|${p.priceClass?.trim() ?? ''}|${p.effectiveFrom}`;
    if (seen.has(key)) e[`prices.${i}.effectiveFrom`] = { key: 'planning.edit.err.sameDay' };
    seen.add(key);
  });
  return e;
}

/** Weights: whole numbers 0–1000, at least one above 0. */
export function weightDraftErrors(draft: Record<string, string>): DraftErrors {
  const e: DraftErrors = {};
  for (const f of PRIORITY_FACTORS) {
    const v = (draft[f] ?? '').trim();
    if (v === '' || !isWhole(Number(v), 0, 1000))
      e[`weights.${f}`] = { key: 'planning.edit.err.weight' };
  }
  if (Object.keys(e).length === 0 && PRIORITY_FACTORS.every((f) => Number(draft[f]) === 0))
    e['weights'] = { key: 'planning.edit.err.allZero' };
  return e;
}
