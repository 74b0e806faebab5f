import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QidoClient } from './qido.client.js';
import {
  QidoAuthError,
  QidoError,
  QidoHttpError,
  QidoNetworkError,
  QidoResponseError,
  QidoTimeoutError,
} from './qido.errors.js';
import { type QidoClientOptions, type QidoSeriesRecord } from './qido.types.js';

// A real HTTP server on loopback; each test says how it answers and counts the requests.
type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;
let server: Server;
let base: string;
let handler: Handler;
let requests: { url: string; headers: IncomingMessage['headers'] }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', headers: req.headers });
    res.setHeader('Connection', 'close'); // no idle socket is carried from one test to the next
    handler(req, res, requests.length);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dicom-web`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
});

const DAY = '2024-01-05';
let sleeps: number[] = [];

function client(options: Partial<QidoClientOptions> = {}): QidoClient {
  sleeps = [];
  requests = [];
  handler = (_req, res) => res.writeHead(500).end('no handler for this test');
  return new QidoClient({
    baseUrl: base,
    retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 1_000 },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  });
}

function json(
  res: ServerResponse,
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'Content-Type': 'application/dicom+json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/** A series dataset shaped like Orthanc's QIDO-RS answer. */
function dataset(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '00080005': { vr: 'CS', Value: ['ISO_IR 192'] },
    '00080020': { vr: 'DA', Value: ['20240105'] },
    '00080060': { vr: 'CS', Value: ['CT'] },
    '00080070': { vr: 'LO', Value: ['SIEMENS '] },
    '00080080': { vr: 'LO', Value: ['Городская больница №1'] },
    '00081010': { vr: 'SH', Value: ['CT01'] },
    '00081090': { vr: 'LO', Value: ['SOMATOM go.Up'] },
    '00081190': { vr: 'UR', Value: [`http://x/dicom-web/studies/1.2.${n}/series/1.2.${n}.1`] },
    '00100010': { vr: 'PN', Value: [{ Alphabetic: 'TEST^PATIENT' }] },
    '00181000': { vr: 'LO', Value: ['SN-001'] },
    '0020000D': { vr: 'UI', Value: [`1.2.${Math.floor(n / 2)}`] },
    '0020000E': { vr: 'UI', Value: [`1.2.${n}.1`] },
    '00200011': { vr: 'IS', Value: [1] },
    '00201209': { vr: 'IS', Value: [n + 1] },
    ...overrides,
  };
}

async function collect(c: QidoClient, day = DAY, pageSize?: number): Promise<QidoSeriesRecord[]> {
  const out: QidoSeriesRecord[] = [];
  for await (const r of c.series(day, { pageSize })) out.push(r);
  return out;
}

async function failure(promise: Promise<unknown>): Promise<QidoError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof QidoError) return error;
    throw error;
  }
  throw new Error('expected a QidoError, got success');
}

describe('QidoClient: the series query', () => {
  it('asks for one day with the DOMAIN.md include fields and DICOM JSON, and maps every attribute', async () => {
    const c = client({ pageSize: 50 });
    handler = (_req, res) =>
      json(res, [
        dataset(0),
        dataset(1, { '00181000': { vr: 'LO' }, '00081090': { vr: 'LO', Value: ['  '] } }),
      ]);

    const records = await collect(c);

    expect(requests).toHaveLength(1);
    expect(requests[0].url).toBe(
      '/dicom-web/series?StudyDate=20240105-20240105&includefield=00080060&includefield=00080070&includefield=00080080' +
        '&includefield=00081010&includefield=00081090&includefield=00181000&includefield=0020000D&includefield=00201209&limit=50&offset=0',
    );
    expect(requests[0].headers.accept).toBe('application/dicom+json');
    expect(requests[0].headers.authorization).toBeUndefined();
    expect(records).toEqual([
      {
        studyDate: '2024-01-05',
        studyInstanceUid: '1.2.0',
        seriesInstanceUid: '1.2.0.1',
        modality: 'CT',
        manufacturer: 'SIEMENS',
        institutionName: 'Городская больница №1',
        stationName: 'CT01',
        modelName: 'SOMATOM go.Up',
        deviceSerialNumber: 'SN-001',
        numberOfInstances: 1,
      },
      expect.objectContaining({
        seriesInstanceUid: '1.2.1.1',
        modelName: null,
        deviceSerialNumber: null,
        numberOfInstances: 2,
      }),
    ]);
  });

  it('maps absent optional attributes to null and accepts IS as a string', async () => {
    const c = client();
    const bare = {
      '0020000D': { vr: 'UI', Value: ['1.2.3'] },
      '00201209': { vr: 'IS', Value: [' 12 '] },
    };
    handler = (_req, res) => json(res, [bare]);
    expect(await collect(c)).toEqual([
      {
        studyDate: DAY,
        studyInstanceUid: '1.2.3',
        seriesInstanceUid: null,
        modality: null,
        manufacturer: null,
        institutionName: null,
        stationName: null,
        modelName: null,
        deviceSerialNumber: null,
        numberOfInstances: 12,
      },
    ]);
  });

  it('sends basic and bearer credentials', async () => {
    const basic = client({ auth: { type: 'basic', username: 'qido', password: 'pä:ss' } });
    handler = (_req, res) => json(res, []);
    await collect(basic);
    expect(requests[0].headers.authorization).toBe(
      `Basic ${Buffer.from('qido:pä:ss').toString('base64')}`,
    );

    const bearer = client({ auth: { type: 'bearer', token: 'abc.DEF-123' } });
    handler = (_req, res) => json(res, []);
    await collect(bearer);
    expect(requests[0].headers.authorization).toBe('Bearer abc.DEF-123');
  });
});

describe('QidoClient: paging', () => {
  const all = Array.from({ length: 7 }, (_, i) => dataset(i));
  const paged: Handler = (req, res) => {
    const q = new URL(req.url ?? '', 'http://x').searchParams;
    const offset = Number(q.get('offset'));
    json(res, all.slice(offset, offset + Number(q.get('limit'))));
  };

  it('walks the pages until one holds fewer than limit', async () => {
    const c = client();
    handler = paged;
    const pages = [];
    for await (const p of c.seriesPages(DAY, { pageSize: 3 })) pages.push(p);
    expect(requests.map((r) => new URL(r.url, 'http://x').searchParams.get('offset'))).toEqual([
      '0',
      '3',
      '6',
    ]);
    expect(pages.map((p) => [p.offset, p.received, p.records.length])).toEqual([
      [0, 3, 3],
      [3, 3, 3],
      [6, 1, 1],
    ]);
    expect(pages.flatMap((p) => p.records).map((r) => r.numberOfInstances)).toEqual([
      1, 2, 3, 4, 5, 6, 7,
    ]);
  });

  it('asks once more after a full last page and stops at the empty one', async () => {
    const c = client();
    handler = paged;
    expect(await collect(c, DAY, 7)).toHaveLength(7);
    expect(requests).toHaveLength(2);
  });

  it('treats 204 No Content as an empty day', async () => {
    const c = client();
    handler = (_req, res) => res.writeHead(204).end();
    expect(await collect(c)).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it('keeps paging after a short page that the archive marks as truncated (Warning 299)', async () => {
    const c = client();
    handler = (req, res) => {
      const offset = Number(new URL(req.url ?? '', 'http://x').searchParams.get('offset'));
      if (offset === 0)
        json(res, all.slice(0, 2), 200, {
          Warning:
            '299 pacs: "The number of results exceeded the maximum supported by the server. Additional results can be requested."',
        });
      else json(res, all.slice(offset, offset + 5));
    };
    expect(await collect(c, DAY, 5)).toHaveLength(7);
    expect(requests.map((r) => new URL(r.url, 'http://x').searchParams.get('offset'))).toEqual([
      '0',
      '2',
      '7',
    ]);
  });

  it('drops a series that shows up again on a later page', async () => {
    const c = client();
    const shifted = [dataset(0), dataset(1), dataset(1), dataset(2)]; // a series arrived while paging
    handler = (req, res) => {
      const offset = Number(new URL(req.url ?? '', 'http://x').searchParams.get('offset'));
      json(res, shifted.slice(offset, offset + 2));
    };
    const records = await collect(c, DAY, 2);
    expect(records.map((r) => r.seriesInstanceUid)).toEqual(['1.2.0.1', '1.2.1.1', '1.2.2.1']);
  });

  it('fails instead of looping when the archive ignores offset', async () => {
    const c = client();
    handler = (_req, res) => json(res, all.slice(0, 3));
    const error = await failure(collect(c, DAY, 3));
    expect(error).toBeInstanceOf(QidoResponseError);
    expect(error.message).toMatch(/ignore "offset"/);
    expect(requests).toHaveLength(2);
  });
});

describe('QidoClient: strict validation', () => {
  const invalidBodies: [string, string, RegExp][] = [
    ['malformed JSON', '[{"00080060": {"vr": "CS", "Value": ["CT"]}', /not valid JSON/],
    ['an empty 200 body', '', /not valid JSON/],
    [
      'an object instead of an array',
      '{"00080060": {"vr": "CS"}}',
      /expected a JSON array, got object/,
    ],
    ['an array of numbers', '[1, 2]', /\[0\] should be an object, got number/],
    ['an array inside the array', '[[]]', /\[0\] should be an object, got an array/],
    ['a key that is not a tag', '[{"Modality": {"vr": "CS"}}]', /"Modality" is not a DICOM tag/],
    ['an attribute without vr', '[{"00080060": {"Value": ["CT"]}}]', /vr is missing/],
    [
      'an attribute that is a string',
      '[{"00080060": "CT"}]',
      /should be an object with "vr", got string/,
    ],
    [
      'Value that is not an array',
      '[{"00080060": {"vr": "CS", "Value": "CT"}}]',
      /Value should be an array, got string/,
    ],
    [
      'a number in a string VR',
      '[{"00080060": {"vr": "CS", "Value": [7]}}]',
      /Value\[0\] should be a string \(CS\), got number/,
    ],
    [
      'a fraction in IS',
      '[{"00201209": {"vr": "IS", "Value": [2.5]}}]',
      /should be an integer \(IS\)/,
    ],
    ['a string in US', '[{"00280010": {"vr": "US", "Value": ["2"]}}]', /should be a number \(US\)/],
    [
      'a PN that is a plain string',
      '[{"00100010": {"vr": "PN", "Value": ["DOE^JOHN"]}}]',
      /person name object/,
    ],
    [
      'an unknown VR',
      '[{"00080060": {"vr": "XX", "Value": ["CT"]}}]',
      /"XX" is not a DICOM value representation/,
    ],
    [
      'an unknown attribute member',
      '[{"00080060": {"vr": "CS", "Value": ["CT"], "value": 1}}]',
      /unknown member "value"/,
    ],
    [
      'Value on a binary VR',
      '[{"7FE00010": {"vr": "OB", "Value": [1]}}]',
      /InlineBinary or BulkDataURI, not Value/,
    ],
    [
      'a bad dataset inside a sequence',
      '[{"00081115": {"vr": "SQ", "Value": [{"0020000E": {"vr": "UI", "Value": [1]}}]}}]',
      /Value\[0\]\["0020000E"\]\.Value\[0\] should be a string/,
    ],
  ];

  it.each(invalidBodies)('rejects %s without retrying', async (_what, body, message) => {
    const c = client();
    handler = (_req, res) => json(res, body);
    const error = await failure(collect(c));
    expect(error).toBeInstanceOf(QidoResponseError);
    expect(error.kind).toBe('INVALID_RESPONSE');
    expect(error.message).toMatch(message);
    expect(error.message).toContain('StudyDate=20240105-20240105');
    expect(requests).toHaveLength(1);
  });

  it('rejects a 200 that is not DICOM JSON (a login page behind a proxy)', async () => {
    const c = client();
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html><body>Please log in</body></html>');
    };
    const error = await failure(collect(c));
    expect(error.kind).toBe('INVALID_RESPONSE');
    expect(error.message).toMatch(
      /expected application\/dicom\+json, got "text\/html".*Please log in/,
    );
  });

  const invalidRecords: [string, Record<string, unknown>, RegExp][] = [
    [
      'a negative instance count',
      { '00201209': { vr: 'IS', Value: [-1] } },
      /NumberOfSeriesRelatedInstances must be a non-negative integer, got -1/,
    ],
    [
      'a non-numeric instance count',
      { '00201209': { vr: 'IS', Value: ['many'] } },
      /must be a non-negative integer, got "many"/,
    ],
    [
      'a missing instance count',
      { '00201209': undefined },
      /NumberOfSeriesRelatedInstances is missing/,
    ],
    [
      'an empty instance count',
      { '00201209': { vr: 'IS' } },
      /NumberOfSeriesRelatedInstances is missing/,
    ],
    ['a missing study UID', { '0020000D': undefined }, /StudyInstanceUID is missing/],
    [
      'a study UID that is no UID',
      { '0020000D': { vr: 'UI', Value: ['abc'] } },
      /StudyInstanceUID is not a UID/,
    ],
    [
      'a series from another day',
      { '00080020': { vr: 'DA', Value: ['20240106'] } },
      /StudyDate is "20240106", outside the day asked for/,
    ],
    [
      'a date that is no DICOM date',
      { '00080020': { vr: 'DA', Value: ['2024-01-05'] } },
      /not a DICOM date/,
    ],
    [
      'two modalities',
      { '00080060': { vr: 'CS', Value: ['CT', 'PT'] } },
      /should hold one value, holds 2/,
    ],
    [
      'a serial number with the wrong VR',
      { '00181000': { vr: 'SH', Value: ['SN'] } },
      /00181000 has VR SH, expected LO/,
    ],
  ];

  it.each(invalidRecords)(
    'rejects a series with %s, naming the dataset',
    async (_what, overrides, message) => {
      const c = client();
      const bad = JSON.parse(JSON.stringify(dataset(1, overrides))) as Record<string, unknown>; // drops undefined members
      handler = (_req, res) => json(res, [dataset(0), bad]);
      const error = await failure(collect(c));
      expect(error).toBeInstanceOf(QidoResponseError);
      expect(error.message).toMatch(/invalid series at item 1 \(offset 1\)/);
      expect(error.message).toMatch(message);
    },
  );
});

describe('QidoClient: retries', () => {
  it('retries a 500 and returns the answer that follows', async () => {
    const c = client();
    handler = (_req, res, n) =>
      n === 1 ? json(res, { error: 'busy' }, 500) : json(res, [dataset(0)]);
    expect(await collect(c)).toHaveLength(1);
    expect(requests).toHaveLength(2);
    expect(sleeps).toEqual([10]);
  });

  it('gives up after maxAttempts with the last HTTP status, backing off exponentially', async () => {
    const c = client();
    handler = (_req, res) => {
      res.writeHead(503, { 'Content-Type': 'text/plain' });
      res.end('maintenance');
    };
    const error = await failure(collect(c));
    expect(error).toBeInstanceOf(QidoHttpError);
    expect(error).toMatchObject({ kind: 'HTTP', status: 503, attempts: 3 });
    expect(error.message).toMatch(/HTTP 503: maintenance/);
    expect(requests).toHaveLength(3);
    expect(sleeps).toEqual([10, 20]);
  });

  it('honours Retry-After on 429, capped by maxDelayMs', async () => {
    const c = client();
    handler = (_req, res, n) =>
      n === 1 ? json(res, [], 429, { 'Retry-After': '5' }) : json(res, []);
    expect(await collect(c)).toEqual([]);
    expect(sleeps).toEqual([1_000]);
  });

  it('does not retry 401, 403 or 404', async () => {
    for (const [status, kind, Type] of [
      [401, 'AUTH', QidoAuthError],
      [403, 'AUTH', QidoAuthError],
      [404, 'HTTP', QidoHttpError],
    ] as const) {
      const c = client({ auth: { type: 'basic', username: 'u', password: 'secret-pw' } });
      handler = (_req, res) =>
        json(
          res,
          { error: 'no' },
          status,
          status === 401 ? { 'WWW-Authenticate': 'Basic realm="pacs"' } : {},
        );
      const error = await failure(collect(c));
      expect(error).toBeInstanceOf(Type);
      expect(error).toMatchObject({ kind, status, attempts: 1 });
      expect(error.message).not.toContain('secret-pw');
      expect(requests).toHaveLength(1);
      expect(sleeps).toEqual([]);
    }
  });

  it('retries a connection that breaks mid-answer', async () => {
    const c = client();
    handler = (_req, res, n) => {
      if (n === 1) {
        res.writeHead(200, { 'Content-Type': 'application/dicom+json', 'Content-Length': '1000' });
        res.write('[{"0008');
        setTimeout(() => res.socket?.destroy(), 20);
      } else json(res, [dataset(0)]);
    };
    expect(await collect(c)).toHaveLength(1);
    expect(requests).toHaveLength(2);
  });

  it('reports NETWORK when nothing listens, after retrying', async () => {
    const closed = createServer();
    await new Promise<void>((ok) => closed.listen(0, '127.0.0.1', ok));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((ok) => closed.close(ok));

    const c = client({ baseUrl: `http://127.0.0.1:${port}/dicom-web/` });
    const error = await failure(collect(c));
    expect(error).toBeInstanceOf(QidoNetworkError);
    expect(error).toMatchObject({ kind: 'NETWORK', attempts: 3 });
    expect(error.message).toMatch(/cannot reach the archive \(connect ECONNREFUSED/);
    expect(error.url).toMatch(new RegExp(`^http://127.0.0.1:${port}/dicom-web/series\\?`));
  });

  it('times out a server that never answers, and one that stalls in the body', async () => {
    const silent = client({ timeoutMs: 150, retry: { maxAttempts: 2, baseDelayMs: 1 } });
    handler = () => undefined; // never answers
    const error = await failure(collect(silent));
    expect(error).toBeInstanceOf(QidoTimeoutError);
    expect(error).toMatchObject({ kind: 'TIMEOUT', timeoutMs: 150, attempts: 2 });
    expect(error.message).toMatch(/no answer within 150 ms/);
    expect(requests).toHaveLength(2);

    const stalling = client({ timeoutMs: 150, retry: { maxAttempts: 1 } });
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/dicom+json' });
      res.write('[');
    };
    const stalled = await failure(collect(stalling));
    expect(stalled.kind).toBe('TIMEOUT');
    expect(stalled.message).toMatch(/the body of a 200 answer did not arrive within 150 ms/);
  });

  it('stops at once when the caller aborts, with the caller’s reason', async () => {
    const c = client({ retry: { maxAttempts: 1 } });
    const controller = new AbortController();
    handler = () => setTimeout(() => controller.abort(new Error('import cancelled')), 10);
    await expect(async () => {
      for await (const _ of c.series(DAY, { signal: controller.signal })) void _;
    }).rejects.toThrow('import cancelled');
  });
});

describe('QidoClient: ping', () => {
  it('reports ok with the latency of one study query', async () => {
    const c = client();
    handler = (_req, res) => json(res, [{ '0020000D': { vr: 'UI', Value: ['1.2.3'] } }]);
    const result = await c.ping();
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(requests.map((r) => r.url)).toEqual(['/dicom-web/studies?limit=1']);
  });

  it('returns typed errors without retrying', async () => {
    const c = client();
    handler = (_req, res) => json(res, {}, 401);
    expect(await c.ping()).toMatchObject({ ok: false, error: { kind: 'AUTH', status: 401 } });

    const d = client();
    handler = (_req, res) => json(res, 'oops', 500);
    expect(await d.ping()).toMatchObject({ ok: false, error: { kind: 'HTTP', status: 500 } });
    expect(requests).toHaveLength(1);

    const e = client();
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html>Orthanc Explorer</html>');
    };
    expect(await e.ping()).toMatchObject({ ok: false, error: { kind: 'INVALID_RESPONSE' } });
  });
});

describe('QidoClient: configuration', () => {
  it('rejects what would leak credentials or make no sense', () => {
    expect(() => new QidoClient({ baseUrl: 'http://u:p@pacs/dicom-web' })).toThrow(
      /must not contain credentials/,
    );
    expect(() => new QidoClient({ baseUrl: 'ftp://pacs/dicom-web' })).toThrow(/http or https/);
    expect(() => new QidoClient({ baseUrl: 'pacs/dicom-web' })).toThrow(/absolute http\(s\) URL/);
    expect(() => new QidoClient({ baseUrl: 'http://pacs/dicom-web?x=1' })).toThrow(/query/);
    expect(() => new QidoClient({ baseUrl: 'http://pacs', pageSize: 0 })).toThrow(
      /pageSize must be a positive integer/,
    );
    expect(
      () =>
        new QidoClient({
          baseUrl: 'http://pacs',
          auth: { type: 'basic', username: 'a:b', password: 'c' },
        }),
    ).toThrow(/cannot contain ":"/);
    expect(
      () =>
        new QidoClient({ baseUrl: 'http://pacs', auth: { type: 'bearer', token: 'a b\r\nX: y' } }),
    ).toThrow(/token68/);
  });

  it('builds the same URL whatever the trailing slash, and rejects days that are not dates', async () => {
    expect(new QidoClient({ baseUrl: 'http://pacs/dicom-web/' }).seriesUrl(DAY, 10, 20)).toBe(
      new QidoClient({ baseUrl: 'http://pacs/dicom-web' }).seriesUrl(DAY, 10, 20),
    );
    const c = client();
    await expect(collect(c, '20240105')).rejects.toThrow(/YYYY-MM-DD/);
    await expect(collect(c, '2024-02-30')).rejects.toThrow(/YYYY-MM-DD/);
    expect(requests).toHaveLength(0);
  });
});
