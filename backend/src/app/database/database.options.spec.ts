import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config/app.config.js';
import { dataSourceOptions } from './database.options.js';

const extra = (o: ReturnType<typeof dataSourceOptions>) =>
  (o as { extra: Record<string, unknown> }).extra;

describe('the database pool settings', () => {
  it('default to a 2 s connect and pool wait, a 30 s statement timeout and 10 connections', () => {
    const e = extra(dataSourceOptions('postgres://x@h/db', loadConfig({})));
    expect(e).toMatchObject({
      max: 10,
      connectionTimeoutMillis: 2_000,
      statement_timeout: 30_000,
      keepAlive: true,
    });
  });

  it('follow DB_POOL_MAX, DB_CONNECT_TIMEOUT_MS and DB_STATEMENT_TIMEOUT_MS; 0 turns the statement timeout off', () => {
    const config = loadConfig({
      DB_POOL_MAX: '25',
      DB_CONNECT_TIMEOUT_MS: '500',
      DB_STATEMENT_TIMEOUT_MS: '0',
    });
    const e = extra(dataSourceOptions('postgres://x@h/db', config));
    expect(e).toMatchObject({ max: 25, connectionTimeoutMillis: 500 });
    expect(e).not.toHaveProperty('statement_timeout');
  });

  it('refuse nonsense, naming the variable', () => {
    expect(() => loadConfig({ DB_POOL_MAX: '0' })).toThrowError(/DB_POOL_MAX must be an integer/);
    expect(() => loadConfig({ DB_CONNECT_TIMEOUT_MS: 'soon' })).toThrowError(ConfigError);
    expect(() => loadConfig({ DB_STATEMENT_TIMEOUT_MS: '-5' })).toThrowError(
      /DB_STATEMENT_TIMEOUT_MS/,
    );
  });
});
