/**
 * `npm run migration:generate -w backend -- <CamelName>`: writes the SQL that would bring a freshly
 * migrated database in line with the entities into src/database/migrations/<timestamp>-<CamelName>.ts.
 * Read and hand-check the result, then add it to migrations/index.ts.
 */
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { EmbeddedDatabase } from '../app/database/embedded-postgres.js';
import { schemaDiff } from './schema-diff.js';

const name = process.argv[2];
if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
  console.error('usage: migration:generate <CamelCaseName>');
  process.exit(2);
}
const dir = await mkdtemp(join(tmpdir(), 'radfleet-gen-'));
await chmod(dir, 0o755);
const db = await EmbeddedDatabase.start(dir, 0, pino({ level: 'warn' }));
try {
  const diff = await schemaDiff(db.url);
  if (diff.up.length === 0) {
    console.error('Entities and migrations already agree: nothing to generate.');
  } else {
    const ts = Date.now();
    const q = (s: string) => `    await queryRunner.query(${JSON.stringify(s)});`;
    const body = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${ts} implements MigrationInterface {
  name = '${name}${ts}';

  async up(queryRunner: QueryRunner): Promise<void> {
${diff.up.map(q).join('\n')}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${diff.down.map(q).join('\n')}
  }
}
`;
    const file = fileURLToPath(
      new URL(`../../src/database/migrations/${ts}-${name}.ts`, import.meta.url),
    );
    await writeFile(file, body);
    console.error(`wrote ${file}`);
  }
} finally {
  await db.stop();
  await rm(dir, { recursive: true, force: true });
}
