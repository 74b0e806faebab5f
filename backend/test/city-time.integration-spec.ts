import ExcelJS from 'exceljs';
import {
  addDays,
  addYears,
  ageYears,
  cityDateOf,
  DEFAULT_CITY_TIME_ZONE,
  endOfLife,
  isInstalledOn,
  isPastLife,
  remainingLifeMonths,
  type DeviceResponse,
  type FacilityDetailResponse,
  type FleetTotals,
  type Paged,
} from '@radfleet/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackendProcess } from './support/backend-process.js';
import { TestDatabase } from './support/test-database.js';

/**
 * "Today" is the city's, whatever the zone of the server process and of the database: the built
 * backend runs as a child process with TZ set, on a database whose own zone is set with ALTER
 * DATABASE, and every fleet figure comes out the same (and as the shared definitions say).
 */

const ADMIN = { email: 'tz-admin@clinic.test', password: 'Kq7-orbit-lantern-93' };

/**
 * A zone whose date differs from the city's at this moment (UTC+14 or UTC−12: one of them always
 * does), so that a figure taking its day from the process or the database could not pass by luck.
 */
function zoneOffTheCityDate(now: Date): string {
  const city = cityDateOf(now, DEFAULT_CITY_TIME_ZONE);
  const zone = ['Etc/GMT-14', 'Etc/GMT+12'].find((z) => cityDateOf(now, z) !== city);
  if (!zone) throw new Error('no zone off the city date: impossible');
  return zone;
}

interface Figures {
  devices: Record<
    string,
    Pick<
      DeviceResponse,
      'age' | 'endOfLifeDate' | 'remainingLifeMonths' | 'pastServiceLife' | 'installed'
    >
  >;
  overdue: string[];
  facility: Pick<FacilityDetailResponse, 'deviceCount' | 'digitalShare' | 'modalityBreakdown'>;
  totals: FleetTotals;
  exportSummary: unknown[][];
}

/** The devices every run creates, dated from the city's today. */
function seedDevices(today: string, facilityId: string): Record<string, unknown>[] {
  const base = {
    manufacturer: 'Siemens Healthineers',
    model: 'SOMATOM go.Up',
    modality: 'CT',
    technology: 'DIGITAL',
    archiveConnected: true,
    facilityId,
    serviceLifeYears: 10,
  };
  return [
    // Its life ended yesterday: past life today.
    { ...base, inventoryNumber: 'TZ-ENDED', commissioningDate: addYears(addDays(today, -1), -10) },
    // Its life ends today: not past life yet.
    { ...base, inventoryNumber: 'TZ-TODAY', commissioningDate: addYears(today, -10) },
    { ...base, inventoryNumber: 'TZ-NEW', commissioningDate: today },
    { ...base, inventoryNumber: 'TZ-LEAP', commissioningDate: '2016-02-29' },
    {
      ...base,
      inventoryNumber: 'TZ-GONE',
      commissioningDate: '2016-02-29',
      status: 'DECOMMISSIONED',
      decommissionedOn: today,
      decommissionReason: 'replaced',
    },
    {
      ...base,
      inventoryNumber: 'TZ-PLAN',
      status: 'PLANNED',
      commissioningDate: addDays(today, 10),
    },
    {
      ...base,
      inventoryNumber: 'TZ-ANALOGUE',
      modality: 'RADIOGRAPHY',
      technology: 'ANALOGUE',
      archiveConnected: false,
      commissioningDate: '2019-03-01',
    },
  ];
}

async function call<T>(b: BackendProcess, token: string, path: string, init: RequestInit = {}) {
  const res = await fetch(`${b.url}/api${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(init.headers as Record<string, string> | undefined),
    },
  });
  if (!res.ok)
    throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  return (res.headers.get('content-type') ?? '').includes('json')
    ? ((await res.json()) as T)
    : (Buffer.from(await res.arrayBuffer()) as T);
}

/** Starts the backend with the process on `processZone` and the database on `databaseZone`. */
async function figuresWith(processZone: string, databaseZone: string, today: string) {
  const db = await TestDatabase.migrated('tz');
  await TestDatabase.admin((c) =>
    c.query(`ALTER DATABASE "${db.name}" SET timezone TO '${databaseZone}'`),
  );
  const b = await BackendProcess.start({
    DATABASE_URL: db.url,
    TZ: processZone,
    SCHEDULER: 'false',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
  });
  try {
    await b.waitHealthy(120_000);
    // The database itself is on its own zone: only the app's sessions run in the city's.
    const own = await db.query<{ tz: string }>('SELECT current_setting($1) AS tz', ['TimeZone']);
    expect(own.rows[0]!.tz).toBe(databaseZone);
    const login = await fetch(`${b.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const facility = await call<{ id: string }>(b, token, '/facilities', {
      method: 'POST',
      body: JSON.stringify({
        code: 'TZ-1',
        name: 'Больница на краю часовых поясов',
        shortName: 'Больница',
        type: 'HOSPITAL',
        district: 'CAO',
        address: 'ул. Тестовая, 1',
      }),
    });
    for (const device of seedDevices(today, facility.id))
      await call(b, token, '/devices', { method: 'POST', body: JSON.stringify(device) });

    const list = await call<Paged<DeviceResponse>>(b, token, '/devices?pageSize=100');
    const overdue = await call<Paged<DeviceResponse>>(b, token, '/devices?overdue=true');
    const page = await call<FacilityDetailResponse>(b, token, `/facilities/${facility.id}`);
    const totals = await call<FleetTotals>(b, token, '/facilities/totals');
    const xlsx = await call<Buffer>(b, token, '/devices/export.xlsx?lang=en');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const exportSummary: unknown[][] = [];
    wb.getWorksheet('Summary')!.eachRow((row) =>
      exportSummary.push(
        (row.values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.toISOString() : v)),
      ),
    );
    const figures: Figures = {
      devices: Object.fromEntries(
        list.items.map((d) => [
          d.inventoryNumber,
          {
            age: d.age,
            endOfLifeDate: d.endOfLifeDate,
            remainingLifeMonths: d.remainingLifeMonths,
            pastServiceLife: d.pastServiceLife,
            installed: d.installed,
          },
        ]),
      ),
      overdue: overdue.items.map((d) => d.inventoryNumber).sort(),
      facility: {
        deviceCount: page.deviceCount,
        digitalShare: page.digitalShare,
        modalityBreakdown: page.modalityBreakdown,
      },
      totals,
      exportSummary,
    };
    return { figures, list: list.items };
  } finally {
    await b.stop();
    await db.drop();
  }
}

describe("the city's today, whatever the zone of the server and the database", () => {
  const today = cityDateOf(new Date(), DEFAULT_CITY_TIME_ZONE);
  const off = zoneOffTheCityDate(new Date());
  const runs = [
    { processZone: 'UTC', databaseZone: 'Asia/Vladivostok' },
    { processZone: 'Asia/Vladivostok', databaseZone: 'UTC' },
    { processZone: off, databaseZone: off },
  ];
  const results: { run: (typeof runs)[number]; figures: Figures; list: DeviceResponse[] }[] = [];

  beforeAll(async () => {
    for (const run of runs)
      results.push({ run, ...(await figuresWith(run.processZone, run.databaseZone, today)) });
    if (cityDateOf(new Date(), DEFAULT_CITY_TIME_ZONE) !== today)
      throw new Error(
        "The city's date changed while the test ran (midnight in the city): run it again.",
      );
  }, 600_000);
  afterAll(() => undefined);

  it('gives the same figures in every zone', () => {
    const [first, ...rest] = results;
    for (const r of rest)
      expect({ ...r.figures, run: first!.run }).toEqual({ ...first!.figures, run: first!.run });
  });

  it('gives the figures of the shared definitions for the city’s today', () => {
    for (const { list, figures } of results) {
      for (const d of list) {
        const eol = endOfLife(d, d.effectiveServiceLifeYears);
        expect(figures.devices[d.inventoryNumber]).toEqual({
          age: ageYears(d, today),
          endOfLifeDate: eol,
          remainingLifeMonths: remainingLifeMonths(eol, today),
          pastServiceLife: isPastLife(eol, today),
          installed: isInstalledOn(d, today),
        });
      }
      expect(figures.devices['TZ-ENDED']).toMatchObject({
        endOfLifeDate: addDays(today, -1),
        pastServiceLife: true,
      });
      expect(figures.devices['TZ-TODAY']).toMatchObject({
        endOfLifeDate: today,
        pastServiceLife: false,
      });
      expect(figures.devices['TZ-NEW']).toMatchObject({ installed: true, age: 0 });
      expect(figures.devices['TZ-GONE']).toMatchObject({ installed: false });
      expect(figures.overdue).toEqual(
        today > '2026-02-28' ? ['TZ-ENDED', 'TZ-LEAP'] : ['TZ-ENDED'],
      );
      // Installed today: ENDED, TODAY, NEW, LEAP (digital) and ANALOGUE.
      expect(figures.totals).toEqual({
        on: today,
        deviceCount: 5,
        digitalCount: 4,
        digitalShare: 0.8,
      });
      expect(figures.facility).toMatchObject({ deviceCount: 5, digitalShare: 0.8 });
      expect(figures.exportSummary.at(-1)!.slice(0, 5)).toEqual(['All modalities', 4, 1, 5, 0.8]);
    }
  });
});
