/**
 * Column specs checked once, and header cells matched to them: case-, whitespace-, punctuation- and
 * ё/е-insensitive; Russian, English or any alias; in any order.
 */
import { buildEnumIndex, normalizeLabel } from './spreadsheet.parsers.js';
import type { ColumnSpec } from './spreadsheet.types.js';

export interface CompiledColumns {
  readonly specs: readonly ColumnSpec[];
  /** Normalized label → spec, for every header and alias. */
  readonly byLabel: ReadonlyMap<string, ColumnSpec>;
}

const compiledCache = new WeakMap<readonly ColumnSpec[], CompiledColumns>();

function labelsOf(spec: ColumnSpec): string[] {
  return [spec.header.ru, spec.header.en, ...(spec.aliases ?? [])];
}

/**
 * Checks a column list and indexes its labels. Mistakes in a spec are programming errors, so this
 * throws a plain Error naming every problem: duplicate keys, two columns sharing a header or alias,
 * enum columns without values, bounds of the wrong type.
 */
export function compileColumns(specs: readonly ColumnSpec[]): CompiledColumns {
  const cached = compiledCache.get(specs);
  if (cached) return cached;
  const problems: string[] = [];
  const byLabel = new Map<string, ColumnSpec>();
  const keys = new Set<string>();
  if (specs.length === 0) problems.push('no columns');
  for (const spec of specs) {
    if (!spec.key) problems.push('a column without a key');
    if (keys.has(spec.key)) problems.push(`duplicate key "${spec.key}"`);
    keys.add(spec.key);
    for (const label of labelsOf(spec)) {
      const norm = normalizeLabel(label);
      if (norm === '') {
        problems.push(`"${spec.key}": the header "${label}" has no letters or digits`);
        continue;
      }
      const other = byLabel.get(norm);
      if (other && other !== spec)
        problems.push(`"${spec.key}" and "${other.key}" share the header "${label}"`);
      else byLabel.set(norm, spec);
    }
    const numeric = spec.type === 'integer' || spec.type === 'decimal';
    for (const bound of [spec.min, spec.max]) {
      if (bound === undefined) continue;
      if (numeric && typeof bound !== 'number')
        problems.push(`"${spec.key}": min/max must be numbers`);
      if (
        spec.type === 'date' &&
        (typeof bound !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(bound))
      ) {
        problems.push(`"${spec.key}": min/max must be ISO dates (yyyy-mm-dd)`);
      }
      if (!numeric && spec.type !== 'date')
        problems.push(`"${spec.key}": min/max only apply to numbers and dates`);
    }
    if (spec.maxLength !== undefined && (!Number.isInteger(spec.maxLength) || spec.maxLength < 1)) {
      problems.push(`"${spec.key}": maxLength must be a positive integer`);
    }
    if (
      spec.scale !== undefined &&
      (spec.type !== 'decimal' || !Number.isInteger(spec.scale) || spec.scale < 0)
    ) {
      problems.push(`"${spec.key}": scale must be a non-negative integer on a decimal column`);
    }
    if (spec.type === 'enum') {
      if (!spec.enumValues?.length) problems.push(`"${spec.key}": an enum column needs enumValues`);
      else {
        try {
          buildEnumIndex(spec.enumValues);
        } catch (e) {
          problems.push(`"${spec.key}": ${(e as Error).message}`);
        }
      }
    } else if (spec.enumValues) {
      problems.push(`"${spec.key}": enumValues only apply to enum columns`);
    }
  }
  if (problems.length) throw new Error(`Invalid spreadsheet columns: ${problems.join('; ')}.`);
  const compiled = { specs, byLabel };
  compiledCache.set(specs, compiled);
  return compiled;
}

/** The spec a header cell names, if any. */
export function matchHeader(columns: CompiledColumns, header: string): ColumnSpec | undefined {
  return columns.byLabel.get(normalizeLabel(header));
}

/** 1 → A, 27 → AA. */
export function columnLetter(index: number): string {
  let n = index;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** A header as written, for messages: inner whitespace and line breaks collapsed. */
export function displayHeader(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
