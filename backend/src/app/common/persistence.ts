import { DomainException, ErrorKind } from './problem/domain.exception.js';

/** A PATCH that carries an older version than the stored one: 409 with the current version. */
export function staleVersion(entity: string, sent: number, current: number): DomainException {
  return new DomainException(
    'STALE_VERSION',
    ErrorKind.CONFLICT,
    `This ${entity} was changed by someone else (your version ${sent}, current ${current}). Reload it and apply your change again.`,
    { currentVersion: current },
  );
}

export function assertVersion(entity: string, sent: number, current: number): void {
  if (sent !== current) throw staleVersion(entity, sent, current);
}

/**
 * Turns `sort=-field` into an ORDER BY over a whitelist of sortable fields; unknown fields are a
 * 400 naming `sort`. A unique tiebreaker keeps pages stable.
 */
export function orderBy(
  sort: string | undefined,
  columns: Record<string, string>,
  fallback: string,
  tiebreaker: string,
): { expression: string; direction: 'ASC' | 'DESC' }[] {
  const raw = sort ?? fallback;
  const desc = raw.startsWith('-');
  const field = desc ? raw.slice(1) : raw;
  const expression = columns[field];
  if (!expression) {
    const message = `sort must be one of ${Object.keys(columns).join(', ')}, optionally prefixed with -`;
    throw new DomainException('INVALID_SORT', ErrorKind.BAD_INPUT, message, {
      errors: [{ field: 'sort', message }],
    });
  }
  return [
    { expression, direction: desc ? 'DESC' : 'ASC' },
    { expression: tiebreaker, direction: 'ASC' },
  ];
}

/** `orderBy` as SQL, nulls last: `ORDER BY r.end_date DESC NULLS LAST, id ASC NULLS LAST`. */
export function orderByClause(
  sort: string | undefined,
  columns: Record<string, string>,
  fallback: string,
  tiebreaker: string,
): string {
  const order = orderBy(sort, columns, fallback, tiebreaker)
    .map((o) => `${o.expression} ${o.direction} NULLS LAST`)
    .join(', ');
  return `ORDER BY ${order}`;
}

/** Postgres unique violation. */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  const err = e as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  };
  const code = err.code ?? err.driverError?.code;
  const name = err.constraint ?? err.driverError?.constraint;
  return code === '23505' && (constraint === undefined || name === constraint);
}

/** Escapes LIKE wildcards in user text. */
export function likePattern(text: string): string {
  return `%${text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The keys of a PATCH body that were actually sent (undefined ones are left out). */
export function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
