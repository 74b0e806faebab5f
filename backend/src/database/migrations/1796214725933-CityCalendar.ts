import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The production calendar's days, for SQL that counts working days (filled at start-up). */
export class CityCalendar1796214725933 implements MigrationInterface {
  name = 'CityCalendar1796214725933';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "city_calendar_day" ("day" date NOT NULL, "working" boolean NOT NULL, CONSTRAINT "PK_city_calendar_day" PRIMARY KEY ("day"))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "city_calendar_day"');
  }
}
