import { describe, expect, it } from 'vitest';
import { diffFields } from './audit-diff.js';

describe('diffFields', () => {
  it('lists only the changed fields, with before and after', () => {
    expect(diffFields({ a: 1, b: 'x', c: [1, 2] }, { a: 1, b: 'y', c: [1, 2] })).toEqual([
      { field: 'b', before: 'x', after: 'y' },
    ]);
  });

  it('treats a create as every field new and a delete as every field gone', () => {
    expect(diffFields(null, { name: 'CT-1' })).toEqual([
      { field: 'name', before: null, after: 'CT-1' },
    ]);
    expect(diffFields({ name: 'CT-1' }, null)).toEqual([
      { field: 'name', before: 'CT-1', after: null },
    ]);
  });

  it('compares dates by instant and skips ignored keys', () => {
    const d = '2026-01-02T03:04:05.000Z';
    expect(diffFields({ at: new Date(d), version: 1 }, { at: d, version: 2 }, ['version'])).toEqual(
      [],
    );
  });

  it('sees a change inside arrays and between null and a value', () => {
    expect(diffFields({ ids: ['a'] }, { ids: ['a', 'b'] })).toHaveLength(1);
    expect(diffFields({ note: null }, { note: '' })).toEqual([
      { field: 'note', before: null, after: '' },
    ]);
  });
});
