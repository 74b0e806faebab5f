import type { EntityManager } from 'typeorm';

export interface BulkColumn<T> {
  name: string;
  /** The PostgreSQL array type the values are sent as, e.g. `text[]`, `int[]`, `numeric[]`, `date[]`. */
  type: string;
  value: (row: T) => unknown;
}

/**
 * Inserts many rows with one `INSERT … SELECT FROM unnest($1, $2, …)` per chunk: one round trip
 * and one statement per few thousand rows, with parameters (never string-built values).
 */
export async function bulkInsert<T>(
  em: EntityManager,
  table: string,
  columns: BulkColumn<T>[],
  rows: readonly T[],
  options: { chunk?: number; returning?: string } = {},
): Promise<Record<string, unknown>[]> {
  const chunk = options.chunk ?? 5_000;
  const names = columns.map((c) => `"${c.name}"`).join(', ');
  const params = columns.map((c, i) => `$${i + 1}::${c.type}`).join(', ');
  const sql = `INSERT INTO "${table}" (${names}) SELECT * FROM unnest(${params})${options.returning ? ` RETURNING ${options.returning}` : ''}`;
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const result: unknown = await em.query(
      sql,
      columns.map((c) => part.map(c.value)),
    );
    if (options.returning && Array.isArray(result))
      out.push(...(result as Record<string, unknown>[]));
  }
  return out;
}
