/**
 * Creates an administrator (or resets nothing: an existing email is refused).
 *
 *   ADMIN_PASSWORD='a long secret' npm run admin:create -w backend -- admin@clinic.ru "Анна Иванова"
 *
 * Uses DATABASE_URL when set, else the embedded PostgreSQL in DATA_DIR (RadFleet must be stopped).
 * The password comes from ADMIN_PASSWORD or, when that is unset, from the first line of standard input.
 */
import 'reflect-metadata';
import { createInterface } from 'node:readline/promises';
import { NestFactory } from '@nestjs/core';
import { Role } from '@radfleet/shared';
import { AppModule } from '../app/app.module.js';
import { createLogger } from '../app/common/logging/logger.js';
import { DomainException } from '../app/common/problem/domain.exception.js';
import { loadConfig } from '../app/config/app.config.js';
import { EmbeddedDatabase } from '../app/database/embedded-postgres.js';
import { UsersService } from '../app/users/users.service.js';

async function readPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  process.stderr.write('Password (at least 12 characters): ');
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

async function main(): Promise<number> {
  const [email, ...nameParts] = process.argv.slice(2);
  if (!email || nameParts.length === 0) {
    process.stderr.write('usage: admin:create <email> <name>\n');
    return 2;
  }
  const password = await readPassword();
  // The variables that configure the first start must not also create a second administrator here.
  const config = loadConfig({
    ...process.env,
    ADMIN_EMAIL: '',
    ADMIN_PASSWORD: '',
    DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
  });
  const logger = createLogger('warn');
  const embedded = config.DATABASE_URL
    ? undefined
    : await EmbeddedDatabase.start(config.DATA_DIR, config.EMBEDDED_PG_PORT, logger);
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({ config, databaseUrl: config.DATABASE_URL ?? embedded!.url }),
    { logger: false },
  );
  try {
    const user = await app
      .get(UsersService)
      .create({ email, name: nameParts.join(' '), role: Role.ADMIN, password, facilityIds: [] });
    process.stdout.write(`created administrator ${user.email} (${user.id})\n`);
    return 0;
  } catch (e) {
    if (e instanceof DomainException) {
      process.stderr.write(
        `${e.message}\n${(e.extensions.errors ?? []).map((x) => `  ${x.field}: ${x.message}\n`).join('')}`,
      );
      return 1;
    }
    throw e;
  } finally {
    await app.close();
    await embedded?.stop();
  }
}

process.exit(await main());
