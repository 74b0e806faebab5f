import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stored executive report packs (issue 14): month, language, scope (city or a facility manager's
 * facilities), status and progress, who asked (null: the schedule), when, size, attempts and the
 * last error. The files live in DATA_DIR/reports.
 */
export class ReportPacks1796400100000 implements MigrationInterface {
  name = 'ReportPacks1796400100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "report_packs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "month" character varying(7) NOT NULL, "lang" character varying(2) NOT NULL, "scope" character varying(16) NOT NULL, "facility_ids" uuid array NOT NULL DEFAULT \'{}\', "status" character varying(16) NOT NULL, "trigger" character varying(16) NOT NULL, "requested_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, "size_bytes" bigint, "progress" integer NOT NULL DEFAULT \'0\', "attempts" integer NOT NULL DEFAULT \'0\', "error" text, CONSTRAINT "CHK_report_packs_progress" CHECK ("progress" BETWEEN 0 AND 100), CONSTRAINT "CHK_report_packs_trigger" CHECK ("trigger" IN (\'SCHEDULE\', \'MANUAL\')), CONSTRAINT "CHK_report_packs_scope" CHECK ("scope" IN (\'CITY\', \'FACILITIES\')), CONSTRAINT "CHK_report_packs_status" CHECK ("status" IN (\'BUILDING\', \'READY\', \'FAILED\')), CONSTRAINT "PK_4e65f68607d52462df862b80395" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_report_packs_requested_by" ON "report_packs"  ("requested_by") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_report_packs_created" ON "report_packs"  ("created_at") ',
    );
    await queryRunner.query(
      'ALTER TABLE "report_packs" ADD CONSTRAINT "FK_report_packs_requested_by" FOREIGN KEY ("requested_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "report_packs" DROP CONSTRAINT "FK_report_packs_requested_by"',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_report_packs_created"');
    await queryRunner.query('DROP INDEX "public"."IDX_report_packs_requested_by"');
    await queryRunner.query('DROP TABLE "report_packs"');
  }
}
