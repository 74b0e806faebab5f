import type { FieldChange } from '@radfleet/shared';

type Plain = Record<string, unknown>;

function normalise(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(normalise);
  if (v === undefined) return null;
  return v;
}

/**
 * The fields that differ between two snapshots. A CREATE passes `before = null` (every field is
 * new); a DELETE passes `after = null`. Keys listed in `ignore` (timestamps, versions) are skipped.
 */
export function diffFields(
  before: Plain | null,
  after: Plain | null,
  ignore: readonly string[] = [],
): FieldChange[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: FieldChange[] = [];
  for (const field of [...keys].sort()) {
    if (ignore.includes(field)) continue;
    const b = normalise(before?.[field]);
    const a = normalise(after?.[field]);
    if (JSON.stringify(b) !== JSON.stringify(a)) changes.push({ field, before: b, after: a });
  }
  return changes;
}
