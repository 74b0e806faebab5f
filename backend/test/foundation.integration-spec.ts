import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowServerErrors } from './support/server-errors.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { TestDatabase } from './support/test-database.js';

describe('the HTTP foundation', () => {
  let t: TestApp;
  let staticDir: string;

  beforeAll(async () => {
    staticDir = await mkdtemp(join(tmpdir(), 'radfleet-static-'));
    await writeFile(
      join(staticDir, 'index.html'),
      '<!doctype html><title>RadFleet test shell</title>',
    );
    await writeFile(join(staticDir, 'main-ABCDEFGH.js'), 'console.log(1)');
    t = await createTestApp({ STATIC_DIR: staticDir });
  });

  afterAll(async () => {
    await t?.close();
    await rm(staticDir, { recursive: true, force: true });
  });

  it('reports health with the database and the package version', async () => {
    const res = await request(t.server).get('/api/health').expect(200);
    expect(res.body).toEqual({
      status: 'ok',
      database: 'up',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
    expect(res.headers['x-request-id']).toMatch(/[0-9a-f-]{36}/);
  });

  it('keeps a sane caller request id', async () => {
    const res = await request(t.server)
      .get('/api/health')
      .set('X-Request-Id', 'abc-123')
      .expect(200);
    expect(res.headers['x-request-id']).toBe('abc-123');
  });

  it('answers an unknown API route with a 404 problem', async () => {
    const res = await request(t.server).get('/api/no-such-thing').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, title: 'Not Found', type: 'about:blank' });
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js/);
  });

  it('answers a malformed JSON body with a 400 problem', async () => {
    const res = await request(t.server)
      .post('/api/health')
      .set('Content-Type', 'application/json')
      .send('{"broken": ')
      .expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      status: 400,
      code: 'MALFORMED_BODY',
      detail: 'The request body is not valid JSON.',
    });
  });

  it('serves a valid OpenAPI 3 document and Swagger UI', async () => {
    const res = await request(t.server).get('/api/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    const validated = await SwaggerParser.validate(structuredClone(res.body));
    expect(Object.keys(validated.paths ?? {})).toContain('/api/health');
    await request(t.server)
      .get('/api/docs')
      .redirects(1)
      .expect(200)
      .expect('Content-Type', /html/);
  });

  it('serves the web app with a client-route fallback, but never for /api', async () => {
    const root = await request(t.server).get('/').set('Accept', 'text/html').expect(200);
    expect(root.text).toContain('RadFleet test shell');
    const deep = await request(t.server).get('/devices/123').set('Accept', 'text/html').expect(200);
    expect(deep.text).toContain('RadFleet test shell');
    expect(deep.headers['cache-control']).toBe('no-cache');
    const asset = await request(t.server).get('/main-ABCDEFGH.js').expect(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    await request(t.server).get('/api/devices-nope').set('Accept', 'text/html').expect(404);
  });

  it('sends security headers and no CORS headers unless configured', async () => {
    const res = await request(t.server)
      .get('/api/health')
      .set('Origin', 'http://evil.example')
      .expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers 503 when the database is gone', async () => {
    allowServerErrors(503);
    await TestDatabase.admin(async (c) => {
      await c.query(`ALTER DATABASE "${t.db.name}" ALLOW_CONNECTIONS false`);
      await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [
        t.db.name,
      ]);
    });
    const res = await request(t.server).get('/api/health').expect(503);
    expect(res.body).toMatchObject({ status: 'error', database: 'down' });
  });
});
