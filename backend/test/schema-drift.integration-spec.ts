import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaDiff } from '../src/database/schema-diff.js';
import { TestDatabase } from './support/test-database.js';

describe('entities and migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await TestDatabase.create('drift');
  });
  afterAll(async () => db?.drop());

  it('agree: a migration generated now would be empty', async () => {
    const diff = await schemaDiff(db.url);
    expect(diff.up, `pending schema changes:\n${diff.up.join(';\n')}`).toEqual([]);
  });
});
