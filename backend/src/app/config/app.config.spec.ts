import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './app.config.js';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATA_DIR).toBe('.data');
    expect(c.LOG_LEVEL).toBe('info');
    expect(c.usesEmbeddedDatabase).toBe(true);
    expect(c.corsOrigins).toEqual([]);
  });

  it('reads numbers, booleans and lists from strings', () => {
    const c = loadConfig({
      PORT: '8080',
      API_DOCS: 'false',
      CORS_ORIGINS: 'http://a.example, http://b.example',
      DATABASE_URL: 'postgres://u:p@db:5432/radfleet',
    });
    expect(c.PORT).toBe(8080);
    expect(c.API_DOCS).toBe(false);
    expect(c.corsOrigins).toEqual(['http://a.example', 'http://b.example']);
    expect(c.usesEmbeddedDatabase).toBe(false);
  });

  it('names the variable and the bad value', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrowError(/PORT must be an integer.*"abc"/);
    expect(() => loadConfig({ PORT: '70000' })).toThrowError(ConfigError);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrowError(/LOG_LEVEL must be one of/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrowError(/DATABASE_URL/);
  });

  it('reports every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'x', SHUTDOWN_TIMEOUT_MS: '-1' });
      expect.fail('should throw');
    } catch (e) {
      expect((e as ConfigError).problems.map((p) => p.split(' ')[0]).sort()).toEqual([
        'PORT',
        'SHUTDOWN_TIMEOUT_MS',
      ]);
    }
  });
});
