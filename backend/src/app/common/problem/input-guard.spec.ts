import { describe, expect, it } from 'vitest';
import { badText, findBadInput, jsonDepthExceeds } from './input-guard.js';

const bytes = (s: string) => Buffer.from(s, 'utf8');

describe('jsonDepthExceeds', () => {
  it('counts brackets outside strings only', () => {
    expect(jsonDepthExceeds(bytes('{"a":[[1]]}'), 3)).toBe(false);
    expect(jsonDepthExceeds(bytes('{"a":[[[1]]]}'), 3)).toBe(true);
    expect(jsonDepthExceeds(bytes('{"a":"[[[[[[\\"[[[["}'), 1)).toBe(false);
    expect(jsonDepthExceeds(bytes('[{},{},{},{}]'), 2)).toBe(false);
  });

  it('measures 100,000 levels without recursion', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(jsonDepthExceeds(bytes(deep), 32)).toBe(true);
  });
});

describe('findBadInput', () => {
  it('names the field holding a NUL or a lone surrogate, however deep', () => {
    expect(findBadInput({ name: 'a\u0000b' }, '')).toEqual({
      field: 'name',
      message: 'name must not contain the NUL character',
    });
    expect(findBadInput({ milestones: [{ description: 'x\ud800' }] }, '')?.field).toBe(
      'milestones[0].description',
    );
    expect(findBadInput('\udc00', 'code')?.field).toBe('code');
  });

  it('accepts paired surrogates (emoji) and ordinary text', () => {
    expect(findBadInput({ notes: 'КТ 🙂 ok', tags: ['a', 1, null, true] }, '')).toBeNull();
    expect(badText('😀')).toBeNull();
  });

  it('refuses prototype keys and bad characters in keys', () => {
    expect(findBadInput(JSON.parse('{"__proto__":{"x":1}}'), '')?.field).toBe('__proto__');
    expect(findBadInput({ a: { constructor: 1 } }, '')?.field).toBe('a.constructor');
    expect(findBadInput({ 'k\u0000': 1 }, '')?.message).toMatch(/field name/);
  });

  it('does not walk buffers or class instances (uploaded files)', () => {
    expect(findBadInput({ buffer: Buffer.from([0, 0xed]) }, '')).toBeNull();
  });
});
