import {
  DEVICE_SORT_FIELDS,
  DeviceStatus,
  District,
  MAX_PAGE_SIZE,
  Modality,
  Technology,
} from '@radfleet/shared';

/** The device list's state: paging, sorting and every filter the API knows. */
export interface DeviceFilter {
  page: number;
  pageSize: number;
  sort: string;
  q?: string;
  modality: Modality[];
  status: DeviceStatus[];
  technology?: Technology;
  district: District[];
  facilityId: string[];
  ageMin?: number;
  ageMax?: number;
  overdue?: boolean;
  /** true: the installed base today (the executive home's device count); false: every other device. */
  installed?: boolean;
  archiveConnected?: boolean;
}

/** The URL's query parameters, as the router binds them to the page's inputs. */
export type DeviceQueryParams = Partial<Record<keyof DeviceFilter, string | undefined>>;

export const DEFAULT_DEVICE_SORT = 'inventoryNumber';
export const DEFAULT_DEVICE_PAGE_SIZE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function list<T extends string>(
  raw: string | undefined,
  allowed: readonly T[] | ((v: string) => boolean),
): T[] {
  if (!raw) return [];
  const ok =
    typeof allowed === 'function'
      ? allowed
      : (v: string) => (allowed as readonly string[]).includes(v);
  return [...new Set(raw.split(',').map((v) => v.trim()))].filter((v) => v !== '' && ok(v)) as T[];
}

function int(raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

function bool(raw: string | undefined): boolean | undefined {
  return raw === 'true' ? true : raw === 'false' ? false : undefined;
}

function sortOf(raw: string | undefined): string {
  if (!raw) return DEFAULT_DEVICE_SORT;
  const field = raw.startsWith('-') ? raw.slice(1) : raw;
  return (DEVICE_SORT_FIELDS as readonly string[]).includes(field) ? raw : DEFAULT_DEVICE_SORT;
}

/**
 * Reads the filter from the URL. Values the API would reject (an unknown modality, a sort field
 * that is not sortable, a page size over the limit) are dropped, so a hand-edited or outdated link
 * still opens a working list.
 */
export function parseDeviceFilter(p: DeviceQueryParams): DeviceFilter {
  const q = p.q?.trim();
  return {
    page: int(p.page, 1, 1_000_000) ?? 1,
    pageSize: int(p.pageSize, 1, MAX_PAGE_SIZE) ?? DEFAULT_DEVICE_PAGE_SIZE,
    sort: sortOf(p.sort),
    q: q ? q.slice(0, 200) : undefined,
    modality: list(p.modality, Object.values(Modality)),
    status: list(p.status, Object.values(DeviceStatus)),
    technology: list<Technology>(p.technology, Object.values(Technology))[0],
    district: list(p.district, Object.values(District)),
    facilityId: list(p.facilityId, (v) => UUID.test(v)),
    ageMin: int(p.ageMin, 0, 100),
    ageMax: int(p.ageMax, 0, 100),
    overdue: bool(p.overdue),
    installed: bool(p.installed),
    archiveConnected: bool(p.archiveConnected),
  };
}

export type ApiParams = Record<string, string | number | boolean | undefined>;

/** The API's query parameters for a filter; lists travel comma-separated. */
export function deviceApiParams(f: DeviceFilter, withPaging = true): ApiParams {
  const join = (v: readonly string[]) => (v.length ? v.join(',') : undefined);
  return {
    ...(withPaging ? { page: f.page, pageSize: f.pageSize } : {}),
    sort: f.sort,
    q: f.q,
    modality: join(f.modality),
    status: join(f.status),
    technology: f.technology,
    district: join(f.district),
    facilityId: join(f.facilityId),
    ageMin: f.ageMin,
    ageMax: f.ageMax,
    overdue: f.overdue,
    installed: f.installed,
    archiveConnected: f.archiveConnected,
  };
}

/** Router query parameters for a change of filter; a cleared value removes its parameter. */
export function deviceQueryPatch(patch: Partial<DeviceFilter>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || value === null || value === '') out[key] = null;
    else if (Array.isArray(value)) out[key] = value.length ? value.join(',') : null;
    else out[key] = String(value);
  }
  return out;
}

/** Every filter parameter cleared (paging size and sort stay). */
export const CLEARED_FILTERS: Record<string, null> = {
  q: null,
  modality: null,
  status: null,
  technology: null,
  district: null,
  facilityId: null,
  ageMin: null,
  ageMax: null,
  overdue: null,
  installed: null,
  archiveConnected: null,
  page: null,
};

/** How many filters narrow the list (the text search included). */
export function activeFilterCount(f: DeviceFilter): number {
  return [
    f.q,
    f.modality.length || undefined,
    f.status.length || undefined,
    f.technology,
    f.district.length || undefined,
    f.facilityId.length || undefined,
    f.ageMin,
    f.ageMax,
    f.overdue,
    f.installed,
    f.archiveConnected,
  ].filter((v) => v !== undefined).length;
}

/** The filters kept behind "More filters"; the panel opens by itself when one of them is set. */
export function hasSecondaryFilters(f: DeviceFilter): boolean {
  return (
    f.district.length > 0 ||
    f.facilityId.length > 0 ||
    f.ageMin !== undefined ||
    f.ageMax !== undefined ||
    f.overdue !== undefined ||
    f.installed !== undefined ||
    f.archiveConnected !== undefined
  );
}

/** `sort=-age` as the table's sort state. */
export function sortState(sort: string): { active: string; direction: 'asc' | 'desc' } {
  return { active: sort.replace(/^-/, ''), direction: sort.startsWith('-') ? 'desc' : 'asc' };
}

/** The table's sort event as `sort`; no direction means back to the default order. */
export function sortParam(active: string, direction: 'asc' | 'desc' | ''): string | null {
  return direction ? `${direction === 'desc' ? '-' : ''}${active}` : null;
}
