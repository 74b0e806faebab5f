import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QidoClient } from '../src/app/archives/qido/qido.client.js';
import { QidoAuthError, QidoNetworkError } from '../src/app/archives/qido/qido.errors.js';
import { type QidoSeriesPage, type QidoSeriesRecord } from '../src/app/archives/qido/qido.types.js';
import { buildDayLoad, type DayLoad, type DeviceIdentity } from './support/dicom.js';
import { TestOrthanc } from './support/orthanc.js';

// The QIDO-RS client against a real Orthanc 1.10 with its DICOMweb plugin: what the archive import
// will see, device by device and day by day.

const CT_CITY_1: DeviceIdentity = {
  modality: 'CT',
  manufacturer: 'SIEMENS',
  institutionName: 'Городская больница №1',
  stationName: 'CT01',
  manufacturerModelName: 'SOMATOM go.Up',
  deviceSerialNumber: '108442',
};
const MG_CLINIC_12: DeviceIdentity = {
  modality: 'MG',
  manufacturer: 'HOLOGIC, Inc.',
  institutionName: 'Поликлиника №12',
  stationName: 'MAMMO-1',
  manufacturerModelName: 'Selenia Dimensions',
  deviceSerialNumber: 'SDM-77821',
};
const DX_CLINIC_12: DeviceIdentity = {
  modality: 'DX',
  manufacturer: 'Philips Medical Systems',
  institutionName: 'Поликлиника №12',
  stationName: 'DX-2',
  manufacturerModelName: 'DigitalDiagnost C90',
  deviceSerialNumber: '5521',
};
/** A scanner nobody registered: it must come back like any other, to be reconciled by a person. */
const CT_UNREGISTERED: DeviceIdentity = {
  modality: 'CT',
  manufacturer: 'GE MEDICAL SYSTEMS',
  institutionName: 'Городская больница №1',
  stationName: 'CTAWP99',
  manufacturerModelName: 'Revolution EVO',
  deviceSerialNumber: 'GE-UNKNOWN-0042',
};
/** An old unit that sends neither serial number nor model name. */
const CR_NO_SERIAL: DeviceIdentity = {
  modality: 'CR',
  manufacturer: 'AGFA',
  institutionName: 'Поликлиника №3',
  stationName: 'CR-OLD',
  manufacturerModelName: null,
  deviceSerialNumber: null,
};

const DAY_1 = '2024-03-04';
const DAY_2 = '2024-03-05';
const dicom = (day: string) => day.replaceAll('-', '');

/** Studies and images per (device identity, day), as the utilisation import will count them. */
type Counts = Map<string, { studies: number; instances: number; series: number }>;

function identityKey(
  d: Pick<
    QidoSeriesRecord,
    | 'modality'
    | 'manufacturer'
    | 'institutionName'
    | 'stationName'
    | 'modelName'
    | 'deviceSerialNumber'
  >,
  day: string,
): string {
  return JSON.stringify([
    day,
    d.modality,
    d.manufacturer,
    d.institutionName,
    d.stationName,
    d.modelName,
    d.deviceSerialNumber,
  ]);
}

function countRecords(records: QidoSeriesRecord[]): Counts {
  const studies = new Map<string, Set<string>>();
  const counts: Counts = new Map();
  for (const r of records) {
    const key = identityKey(r, r.studyDate);
    const c = counts.get(key) ?? { studies: 0, instances: 0, series: 0 };
    const s = studies.get(key) ?? new Set<string>();
    s.add(r.studyInstanceUid);
    studies.set(key, s);
    counts.set(key, {
      studies: s.size,
      instances: c.instances + r.numberOfInstances,
      series: c.series + 1,
    });
  }
  return counts;
}

function expectedCounts(loads: DayLoad[], day: string): Counts {
  const counts: Counts = new Map();
  for (const load of loads.filter((l) => l.studyDate === dicom(day))) {
    const d = load.device;
    counts.set(identityKey({ ...d, modelName: d.manufacturerModelName }, day), load.expected);
  }
  return counts;
}

async function pagesOf(
  client: QidoClient,
  day: string,
  pageSize: number,
): Promise<QidoSeriesPage[]> {
  const pages: QidoSeriesPage[] = [];
  for await (const page of client.seriesPages(day, { pageSize })) pages.push(page);
  return pages;
}

describe('QIDO-RS client against a real Orthanc', () => {
  const orthanc = new TestOrthanc();
  let loads: DayLoad[];

  beforeAll(async () => {
    await orthanc.start();
    loads = [
      buildDayLoad(CT_CITY_1, dicom(DAY_1), {
        studies: 3,
        seriesPerStudy: 2,
        instancesPerSeries: 2,
      }),
      buildDayLoad(MG_CLINIC_12, dicom(DAY_1), {
        studies: 2,
        seriesPerStudy: 1,
        instancesPerSeries: 4,
      }),
      buildDayLoad(CT_UNREGISTERED, dicom(DAY_1), {
        studies: 1,
        seriesPerStudy: 3,
        instancesPerSeries: 1,
      }),
      buildDayLoad(CR_NO_SERIAL, dicom(DAY_1), {
        studies: 2,
        seriesPerStudy: 1,
        instancesPerSeries: 1,
      }),
      buildDayLoad(CT_CITY_1, dicom(DAY_2), {
        studies: 2,
        seriesPerStudy: 1,
        instancesPerSeries: 3,
      }),
      buildDayLoad(DX_CLINIC_12, dicom(DAY_2), {
        studies: 4,
        seriesPerStudy: 1,
        instancesPerSeries: 1,
      }),
      buildDayLoad(CT_UNREGISTERED, dicom(DAY_2), {
        studies: 1,
        seriesPerStudy: 1,
        instancesPerSeries: 2,
      }),
      // The day before: must not leak into either day.
      buildDayLoad(DX_CLINIC_12, '20240303', {
        studies: 1,
        seriesPerStudy: 1,
        instancesPerSeries: 1,
      }),
    ];
    await orthanc.uploadAll(loads.flatMap((l) => l.files));
  });

  afterAll(async () => {
    await orthanc.stop();
  });

  it('reports each device identity per day with its distinct studies and summed images, paging by 3', async () => {
    const client = new QidoClient({ baseUrl: orthanc.baseUrl, pageSize: 3 });

    const day1 = await pagesOf(client, DAY_1, 3);
    // 13 series on day 1: pages of 3, 3, 3, 3 and 1.
    expect(day1.map((p) => [p.offset, p.received])).toEqual([
      [0, 3],
      [3, 3],
      [6, 3],
      [9, 3],
      [12, 1],
    ]);
    const records1 = day1.flatMap((p) => p.records);
    expect(countRecords(records1)).toEqual(expectedCounts(loads, DAY_1));

    const day2 = await pagesOf(client, DAY_2, 3);
    expect(day2.map((p) => p.received)).toEqual([3, 3, 1]);
    const records2 = day2.flatMap((p) => p.records);
    expect(countRecords(records2)).toEqual(expectedCounts(loads, DAY_2));

    // Every uploaded series of each day exactly once, none of the day before.
    const uploaded = (day: string) =>
      loads.filter((l) => l.studyDate === dicom(day)).flatMap((l) => l.seriesInstanceUids);
    expect(records1.map((r) => r.seriesInstanceUid).sort()).toEqual(uploaded(DAY_1).sort());
    expect(records2.map((r) => r.seriesInstanceUid).sort()).toEqual(uploaded(DAY_2).sort());
  });

  it('returns Device Serial Number, Station, Institution, Manufacturer and Model at series level, Cyrillic intact', async () => {
    const client = new QidoClient({ baseUrl: orthanc.baseUrl });
    const records: QidoSeriesRecord[] = [];
    for await (const r of client.series(DAY_1)) records.push(r);

    const unregistered = records.filter((r) => r.deviceSerialNumber === 'GE-UNKNOWN-0042');
    expect(unregistered).toHaveLength(3);
    expect(unregistered[0]).toMatchObject({
      studyDate: DAY_1,
      modality: 'CT',
      manufacturer: 'GE MEDICAL SYSTEMS',
      institutionName: 'Городская больница №1',
      stationName: 'CTAWP99',
      modelName: 'Revolution EVO',
      numberOfInstances: 1,
    });
    const old = records.filter((r) => r.stationName === 'CR-OLD');
    expect(old.map((r) => [r.deviceSerialNumber, r.modelName, r.institutionName])).toEqual([
      [null, null, 'Поликлиника №3'],
      [null, null, 'Поликлиника №3'],
    ]);
  });

  it('answers an empty day with no series, and a connection test with ok', async () => {
    const client = new QidoClient({ baseUrl: orthanc.baseUrl });
    expect(await pagesOf(client, '2024-03-06', 3)).toEqual([
      { offset: 0, limit: 3, received: 0, records: [] },
    ]);
    expect(await client.ping()).toMatchObject({ ok: true, status: 200 });
  });

  it('fails with NETWORK, not a hang, when the archive stops in the middle of a day', async () => {
    const dying = new TestOrthanc();
    await dying.start();
    try {
      await dying.uploadAll(
        buildDayLoad(CT_CITY_1, dicom(DAY_1), {
          studies: 5,
          seriesPerStudy: 1,
          instancesPerSeries: 1,
        }).files,
      );
      const client = new QidoClient({
        baseUrl: dying.baseUrl,
        timeoutMs: 5_000,
        retry: { maxAttempts: 3, baseDelayMs: 50 },
      });
      const pages = client.seriesPages(DAY_1, { pageSize: 2 });

      const first = await pages.next();
      expect(first.done).toBe(false);
      const pid = dying.pid;
      await dying.stop();
      expect(pid).toBeDefined();
      expect(() => process.kill(pid ?? 0, 0)).toThrow(/ESRCH/); // no Orthanc process is left

      const started = Date.now();
      const error = await pages.next().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(QidoNetworkError);
      expect(error).toMatchObject({ kind: 'NETWORK', attempts: 3 });
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await dying.stop();
    }
  });
});

describe('QIDO-RS client against an Orthanc that requires a login', () => {
  const orthanc = new TestOrthanc({ auth: { username: 'radfleet', password: 'Qido-Test-Pw1' } });

  beforeAll(async () => {
    await orthanc.start();
    await orthanc.uploadAll(
      buildDayLoad(MG_CLINIC_12, dicom(DAY_2), {
        studies: 2,
        seriesPerStudy: 1,
        instancesPerSeries: 2,
      }).files,
    );
  });

  afterAll(async () => {
    await orthanc.stop();
  });

  it('reads with basic auth, refuses a wrong password without retrying, and sees an emptied archive', async () => {
    const client = new QidoClient({
      baseUrl: orthanc.baseUrl,
      auth: { type: 'basic', username: 'radfleet', password: 'Qido-Test-Pw1' },
    });
    expect(await client.ping()).toMatchObject({ ok: true });
    const records: QidoSeriesRecord[] = [];
    for await (const r of client.series(DAY_2)) records.push(r);
    expect(records.map((r) => [r.deviceSerialNumber, r.numberOfInstances])).toEqual([
      ['SDM-77821', 2],
      ['SDM-77821', 2],
    ]);

    const wrong = new QidoClient({
      baseUrl: orthanc.baseUrl,
      auth: { type: 'basic', username: 'radfleet', password: 'wrong' },
      retry: { baseDelayMs: 1 },
    });
    const ping = await wrong.ping();
    expect(ping).toMatchObject({ ok: false, error: { kind: 'AUTH', status: 401 } });
    const error = await (async () => {
      try {
        for await (const _ of wrong.series(DAY_2)) void _;
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(QidoAuthError);
    expect(error).toMatchObject({ attempts: 1 });

    await orthanc.clear();
    const after: QidoSeriesRecord[] = [];
    for await (const r of client.series(DAY_2)) after.push(r);
    expect(after).toEqual([]);
  });
});
