import { Role } from '@radfleet/shared';
import fc from 'fast-check';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDevice,
  createFacility,
  deviceBody,
  signInAs,
  type Account,
} from './support/accounts.js';
import { contractBody, createContract, createSupplier } from './support/contracts.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * Sends generated bad input to every operation of the OpenAPI document, as ADMIN and signed out:
 * wrong types, extremes, NUL, lone surrogates, deep nesting, unknown fields, prototype keys and
 * huge strings, driven by each operation's schemas. Every answer must be below 500, every 4xx an
 * `application/problem+json`, every write refused, and the row count of every table unchanged.
 *
 * Each operation runs with a fixed seed (the same cases every time) and a random one; fast-check
 * prints the seed and path of a failing case: `FUZZ_SEED=<seed> npx vitest run … fuzz` replays it.
 */

type Schema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  format?: string;
  maximum?: number;
  minimum?: number;
  maxLength?: number;
  nullable?: boolean;
};
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
interface Route {
  key: string;
  method: Method;
  path: string;
  op: Operation;
}
interface Case {
  params: Record<string, string>;
  query: Record<string, string>;
  body: string | null;
  multipart: Record<string, string> | null;
  file: boolean;
}

const FIXED_SEED = 20_260_917;
const RANDOM_SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS_FIXED = 15;
const RUNS_RANDOM = 5;
const RUNS_SIGNED_OUT = 2;

/** Raw JSON spliced in where these markers stand (JSON.stringify cannot write them). */
const PROTO_KEY = '__fuzz_proto__';
const DEEP = '__fuzz_deep__';
/** Huge strings travel as a short marker (readable in a failure report) and are expanded when sent. */
const huge = (n: number) => `__fuzz_huge_${n}__`;
const expand = (s: string) =>
  s.replace(/__fuzz_huge_(\d+)__/g, (_, n: string) => 'я'.repeat(Number(n)));
const deepJson = (n: number) => '['.repeat(n) + ']'.repeat(n);
const toJson = (v: unknown) =>
  expand(
    JSON.stringify(v)
      .replaceAll(`"${PROTO_KEY}"`, '"__proto__"')
      .replaceAll(`"${DEEP}"`, deepJson(3000)),
  );

/** Strings no layer may choke on: NUL, lone surrogates, huge, path tricks, out-of-range dates. */
const evilString = fc.oneof(
  fc.string({ maxLength: 8 }).map((s) => `${s}\u0000${s}`),
  fc.constantFrom('\ud800', 'a\udc00b', '\udfff\ud800', 'x\ud83d'),
  fc.constantFrom('0000-01-01', '9999-12-31', '1899-12-31T00:00:00Z', '2024-02-30', '-1'),
  fc.constantFrom('../../../etc/passwd', '%00', "'; DROP TABLE users; --", '=CMD()', '{{7*7}}'),
  fc.constantFrom(huge(5_000), huge(20_000), huge(60_000)),
);

/** A value of a type other than the schema's (never null, which optional fields accept). */
function wrongType(s: Schema): fc.Arbitrary<unknown> {
  const t = s.type ?? (s.enum ? 'string' : s.properties ? 'object' : undefined);
  const others: fc.Arbitrary<unknown>[] = [];
  if (t !== 'string') others.push(evilString, fc.constant('not-a-value'));
  if (t !== 'number' && t !== 'integer')
    others.push(fc.constantFrom(-1, 0, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2));
  if (t !== 'boolean') others.push(fc.boolean());
  if (t !== 'array') others.push(fc.constant([[[]]]), fc.array(evilString, { maxLength: 3 }));
  if (t !== 'object') others.push(fc.constant({ [PROTO_KEY]: { polluted: true } }));
  others.push(fc.constant(DEEP));
  return fc.oneof(...others);
}

/** An extreme value of the schema's own type: past its limits, or at the edge of the type. */
function extreme(s: Schema): fc.Arbitrary<unknown> {
  switch (s.type) {
    case 'integer':
    case 'number':
      return fc.constantFrom(
        (s.maximum ?? 2 ** 31) + 1,
        (s.minimum ?? -(2 ** 31)) - 1,
        Number.MAX_SAFE_INTEGER + 2,
        1e308,
        0.000_001,
      );
    case 'string':
      return s.enum
        ? fc.constantFrom('NOT_A_VALUE', String(s.enum[0]).toLowerCase(), '')
        : fc.oneof(evilString, fc.constant(huge((s.maxLength ?? 100_000) + 1)));
    case 'array':
      return fc.constantFrom(
        [[[]]],
        Array.from({ length: 6000 }, () => 'x'),
        [null],
        [DEEP],
      );
    default:
      return wrongType(s);
  }
}

/** A plausible value, so that the bad field is not the only thing between the case and the service. */
function plausible(s: Schema): fc.Arbitrary<unknown> {
  if (s.enum) return fc.constantFrom(...s.enum);
  switch (s.type) {
    case 'integer': {
      const min = s.minimum ?? 0;
      return fc.integer({ min, max: Math.min(s.maximum ?? min + 1000, min + 1000) });
    }
    case 'number': {
      const min = s.minimum ?? 0;
      return fc.double({ min, max: Math.max(min, s.maximum ?? min + 1000), noNaN: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(plausible(s.items ?? {}), { maxLength: 2 });
    case 'object':
      return fc.constant({});
    default:
      if (s.format === 'uuid') return fc.uuid();
      if (s.format === 'date') return fc.constant('2024-03-01');
      if (s.format === 'date-time') return fc.constant('2024-03-01T09:00:00+03:00');
      return fc.string({ maxLength: 12 });
  }
}

describe('the fuzz suite: generated bad input to every operation', () => {
  let t: TestApp;
  let admin: Account;
  let routes: Route[];
  let schemas: Record<string, Schema>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signInAs(t, Role.ADMIN);
    const doc = (await request(t.server).get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, Schema> };
    };
    schemas = doc.components.schemas;
    routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([m]) => ['get', 'post', 'patch', 'put', 'delete'].includes(m))
        .map(([m, op]) => ({ key: `${m.toUpperCase()} ${path}`, method: m as Method, path, op })),
    );
    // Real rows, so that writes aimed at them reach validation and the services.
    const facility = await createFacility(t, admin);
    ids.facilities = facility.id;
    ids.devices = (await createDevice(t, admin, facility.id)).id;
    ids.suppliers = (await createSupplier(t, admin)).id;
    ids.contracts = (await createContract(t, admin, ids.suppliers)).id;
    ids.users = admin.id;
  });
  afterAll(async () => t?.close());

  function resolve(s: Schema | undefined, depth = 0): Schema {
    if (!s || depth > 5) return {};
    if (s.$ref) return resolve(schemas[s.$ref.split('/').pop()!], depth + 1);
    const alt = s.allOf?.[0] ?? s.oneOf?.[0] ?? s.anyOf?.[0];
    if (alt && !s.type && !s.properties) return resolve(alt, depth + 1);
    return s;
  }

  /** Path parameters: a real row for reads and edits, otherwise random or hostile. */
  function paramArb(route: Route, name: string): fc.Arbitrary<string> {
    const resource = route.path.split('/')[2]!;
    const real = name === 'code' ? 'CT' : ids[resource];
    // Deletes and actions never aim at a real row: only reads and edits, which the body poisons.
    const safeToAim = route.method === 'get' || route.method === 'patch';
    const hostile = fc.oneof(
      fc.uuid(),
      fc.constantFrom('%00', 'a%00b', '%ED%A0%80', '..%2F..%2Fetc', 'not-a-uuid', '0', '-1'),
      fc.constant(huge(5000)),
    );
    return real && safeToAim ? fc.oneof(fc.constant(real), hostile) : hostile;
  }

  function queryArb(route: Route): fc.Arbitrary<Record<string, string>> {
    const params = (route.op.parameters ?? []).filter((p) => p.in === 'query');
    const value = (p: Parameter) =>
      fc.oneof(
        plausible(resolve(p.schema)).map(String),
        extreme(resolve(p.schema)).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))),
        evilString,
      );
    return fc
      .tuple(
        fc.record(Object.fromEntries(params.map((p) => [p.name, value(p)])), {
          requiredKeys: [],
        }),
        fc.option(fc.tuple(fc.constantFrom('unknownParam', 'q', 'sort', 'page'), evilString)),
      )
      .map(([q, extra]) => ({
        ...(q as Record<string, string>),
        ...(extra ? { [extra[0]]: extra[1] } : {}),
      }));
  }

  /** A JSON body with at least one thing no validator may accept. */
  function jsonBodyArb(schema: Schema): fc.Arbitrary<string> {
    const props = resolve(schema).properties ?? {};
    const names = Object.keys(props);
    const field = (n: string) => fc.oneof(plausible(resolve(props[n])), extreme(resolve(props[n])));
    const base = fc.record(Object.fromEntries(names.map((n) => [n, field(n)])), {
      requiredKeys: [],
    });
    const poison: fc.Arbitrary<(o: Record<string, unknown>) => void>[] = [
      fc.tuple(fc.constantFrom('unknownField', 'isAdmin', 'id', 'createdAt'), evilString).map(
        ([k, v]) =>
          (o) =>
            void (o[k] = v),
      ),
      fc.constant((o) => void (o[PROTO_KEY] = { role: 'ADMIN' })),
      fc.constantFrom('constructor', 'prototype').map((k) => (o) => void (o[k] = { x: 1 })),
      fc.constant((o) => void (o['bad\u0000key'] = 1)),
      fc.constant((o) => void (o[names[0] ?? 'deep'] = DEEP)),
    ];
    if (names.length > 0) {
      poison.push(
        fc
          .constantFrom(...names)
          .chain((n) => wrongType(resolve(props[n])).map((v) => (o) => void (o[n] = v))),
        fc.tuple(fc.constantFrom(...names), evilString).map(
          ([n, v]) =>
            (o) =>
              void (o[n] = v),
        ),
      );
    }
    const object = fc
      .tuple(base, fc.array(fc.oneof(...poison), { minLength: 1, maxLength: 3 }))
      .map(([o, ps]) => {
        const copy = { ...o };
        for (const p of ps) p(copy);
        return toJson(copy);
      });
    const notAnObject = fc.oneof(
      fc.constant(deepJson(3000)),
      fc.constant('[]'),
      fc.constant('"\\ud800"'),
      fc.constant('"\\u0000"'),
      fc.constant('1e400'),
      fc.constant('{"a":'),
    );
    return fc.oneof({ weight: 4, arbitrary: object }, { weight: 1, arbitrary: notAnObject });
  }

  /** Multipart forms (imports): hostile text fields, sometimes a file of junk bytes. */
  function multipartArb(schema: Schema): fc.Arbitrary<Record<string, string>> {
    const props = Object.keys(resolve(schema).properties ?? {}).filter((n) => n !== 'file');
    return fc
      .tuple(
        fc.record(Object.fromEntries(props.map((n) => [n, evilString])), { requiredKeys: [] }),
        fc.option(fc.tuple(fc.constantFrom('unknownField', '__proto__'), evilString)),
      )
      .map(([o, extra]) => ({
        ...(o as Record<string, string>),
        ...(extra ? { [extra[0]]: extra[1] } : {}),
      }));
  }

  function caseArb(route: Route): fc.Arbitrary<Case> {
    const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    const content = route.op.requestBody?.content ?? {};
    const json = content['application/json']?.schema;
    const form = content['multipart/form-data']?.schema;
    const writes = route.method !== 'get' && route.method !== 'delete';
    return fc.record({
      params: fc.record(Object.fromEntries(pathParams.map((n) => [n, paramArb(route, n)]))),
      query: queryArb(route),
      body: form ? fc.constant(null) : writes ? jsonBodyArb(json ?? {}) : fc.constant(null),
      multipart: form ? multipartArb(form).map((m) => m) : fc.constant(null),
      file: form ? fc.boolean() : fc.constant(false),
    });
  }

  function send(route: Route, c: Case, signedIn: boolean) {
    const url = route.path.replace(/\{(\w+)\}/g, (_, n: string) =>
      encodeQuery(expand(c.params[n]!), true),
    );
    const qs = Object.entries(c.query)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeQuery(expand(v))}`)
      .join('&');
    const r = request(t.server)[route.method](qs ? `${url}?${qs}` : url);
    if (signedIn) r.set(admin.auth);
    if (c.multipart) {
      for (const [k, v] of Object.entries(c.multipart)) r.field(k, expand(v));
      if (c.file) r.attach('file', Buffer.from('PK\u0003\u0004\u0000junk\ud800'), 'bomb.xlsx');
      return r;
    }
    if (c.body !== null) return r.set('Content-Type', 'application/json').send(c.body);
    return r;
  }

  async function rowCounts(): Promise<Record<string, number>> {
    const ds = t.app.get(DataSource);
    const tables = (await ds.query(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    )) as { table_name: string }[];
    const rows = (await ds.query(
      tables
        .map((x) => `SELECT '${x.table_name}' AS t, count(*)::int AS n FROM "${x.table_name}"`)
        .join(' UNION ALL '),
    )) as { t: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.t, r.n]));
  }

  async function check(route: Route, c: Case, signedIn: boolean): Promise<void> {
    const res = await send(route, c, signedIn);
    const what = `${route.key} ${signedIn ? 'as ADMIN' : 'signed out'} → ${res.status} ${res.text?.slice(0, 300)}`;
    expect(res.status, what).toBeLessThan(500);
    if (res.status >= 400)
      expect(res.headers['content-type'], what).toMatch(/^application\/problem\+json/);
    // Every generated write is bad: none may succeed.
    if (route.method !== 'get') expect(res.status, what).toBeGreaterThanOrEqual(400);
  }

  it('covers every operation of the OpenAPI document', () => {
    expect(routes.length).toBeGreaterThan(40);
  });

  it('answers every operation with no 5xx, problem+json 4xx and no written rows', async () => {
    const before = await rowCounts();
    let cases = 0;
    // Sign-out last, so that the other operations keep the session.
    const ordered = [...routes].sort(
      (a, b) =>
        Number(a.key === 'POST /api/auth/logout') - Number(b.key === 'POST /api/auth/logout'),
    );
    for (const route of ordered) {
      const signedIn = route.key !== 'POST /api/auth/logout';
      for (const [seed, numRuns] of [
        [FIXED_SEED, RUNS_FIXED],
        [RANDOM_SEED, RUNS_RANDOM],
      ] as const) {
        await fc.assert(
          fc.asyncProperty(caseArb(route), async (c) => {
            cases++;
            await check(route, c, signedIn);
          }),
          { seed, numRuns, endOnFailure: true },
        );
      }
      await fc.assert(
        fc.asyncProperty(caseArb(route), (c) => check(route, c, false)),
        { seed: FIXED_SEED, numRuns: RUNS_SIGNED_OUT, endOnFailure: true },
      );
      expect(await rowCounts(), `rows written by ${route.key}`).toEqual(before);
    }
    expect(cases).toBeGreaterThanOrEqual(routes.length * 20);
  }, 600_000); // ~2,500 requests: about a minute on an idle machine, many on two busy cores

  describe('the six causes of 500 found by hand, one case each', () => {
    function expectField(res: request.Response, status: number, field: string): void {
      expect(res.status, res.text).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors, res.text).toEqual(
        expect.arrayContaining([expect.objectContaining({ field })]),
      );
    }

    it('refuses a NUL character in a text field and in q=', async () => {
      const nulName = await request(t.server).post('/api/facilities').set(admin.auth).send({
        code: 'NUL-1',
        name: 'Поликлиника\u0000',
        shortName: 'П',
        type: 'OUTPATIENT_CLINIC',
        district: 'CAO',
        address: 'ул. 1',
      });
      expectField(nulName, 400, 'name');
      const notes = await request(t.server)
        .patch(`/api/devices/${ids.devices}`)
        .set(admin.auth)
        .send({ notes: 'a\u0000b', version: 1 });
      expectField(notes, 400, 'notes');
      expectField(await request(t.server).get('/api/devices?q=CT%00').set(admin.auth), 400, 'q');
      expectField(await request(t.server).get('/api/contracts?q=%00').set(admin.auth), 400, 'q');
    });

    it('refuses lone surrogates, also on the unauthenticated sign-in', async () => {
      const login = await request(t.server)
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send('{"email":"\\ud800admin@example.org","password":"whatever-password"}');
      expectField(login, 400, 'email');
      const supplier = await request(t.server)
        .post('/api/suppliers')
        .set(admin.auth)
        .set('Content-Type', 'application/json')
        .send('{"name":"ООО \\udc00","inn":"7707083893"}');
      expectField(supplier, 400, 'name');
    });

    it('refuses JSON nested 3,000 deep before parsing it, also on sign-in', async () => {
      for (const [url, auth] of [
        ['/api/auth/login', {}],
        ['/api/contracts', admin.auth],
      ] as const) {
        const res = await request(t.server)
          .post(url)
          .set(auth)
          .set('Content-Type', 'application/json')
          .send(`{"email":${deepJson(3000)}}`);
        expectField(res, 400, 'body');
        expect(res.body.code).toBe('BODY_TOO_DEEP');
      }
      // 32 levels is the limit; a body at it is parsed and validated as usual.
      const atLimit = await request(t.server)
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send(`{"email":${deepJson(31)}}`);
      expect(atLimit.status).toBe(400);
      expect(atLimit.body.code).toBe('VALIDATION_FAILED');
    });

    it('refuses the date 0000-01-01 and dates outside 1900–2100', async () => {
      const device = await request(t.server)
        .post('/api/devices')
        .set(admin.auth)
        .send(deviceBody(ids.facilities!, { commissioningDate: '0000-01-01' }));
      expectField(device, 400, 'commissioningDate');
      const contract = await request(t.server)
        .post('/api/contracts')
        .set(admin.auth)
        .send(contractBody(ids.suppliers!, { endDate: '2101-01-01' }));
      expectField(contract, 400, 'endDate');
      const query = await request(t.server)
        .get('/api/service-events?from=0000-01-01')
        .set(admin.auth);
      expect(query.status).toBe(400);
    });

    it('refuses milestones: [[[]]] naming the field', async () => {
      const res = await request(t.server)
        .post('/api/contracts')
        .set(admin.auth)
        .send(contractBody(ids.suppliers!, { milestones: [[[]]] }));
      expectField(res, 400, 'milestones');
      const devices = await request(t.server)
        .patch(`/api/contracts/${ids.contracts}`)
        .set(admin.auth)
        .send({ devices: [[]], version: 1 });
      expectField(devices, 400, 'devices');
    });

    it('refuses prototype keys and hostile route parameters', async () => {
      const proto = await request(t.server)
        .post('/api/facilities')
        .set(admin.auth)
        .set('Content-Type', 'application/json')
        .send('{"__proto__":{"role":"ADMIN"},"name":"x"}');
      expectField(proto, 400, '__proto__');
      expectField(
        await request(t.server).patch('/api/modalities/CT%00').set(admin.auth).send({}),
        400,
        'code',
      );
      // Too large for Node's HTTP parser: refused before Express, as a problem all the same.
      const long = await request(t.server)
        .get(`/api/devices?q=${'x'.repeat(100_000)}`)
        .set(admin.auth);
      expect(long.status).toBe(431);
      expect(long.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });
});

/** Percent-encodes a query value; lone surrogates (which encodeURIComponent refuses) go as raw bytes. */
function encodeQuery(v: string, keepEscapes = false): string {
  if (keepEscapes && /%[0-9A-F]{2}/i.test(v)) return v; // a hand-made escape such as %00
  try {
    return encodeURIComponent(v);
  } catch {
    return Buffer.from(v, 'utf8')
      .toString('latin1')
      .replace(/[^A-Za-z0-9]/g, (ch) => `%${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
  }
}
