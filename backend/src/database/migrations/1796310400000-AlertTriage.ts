import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alert triage: the facilities and devices an alert concerns (so that a facility manager sees their
 * own, and a grouped alert names all its devices), the check's fingerprint of the condition, the
 * acknowledgement with its comment, the assignee, and a version for optimistic locking.
 */
export class AlertTriage1796310400000 implements MigrationInterface {
  name = 'AlertTriage1796310400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "alerts"
         ADD "facility_ids" uuid array NOT NULL DEFAULT '{}',
         ADD "device_ids" uuid array NOT NULL DEFAULT '{}',
         ADD "state" text NOT NULL DEFAULT '',
         ADD "acknowledged_at" TIMESTAMP WITH TIME ZONE,
         ADD "acknowledged_by_id" uuid,
         ADD "comment" text,
         ADD "assignee_id" uuid,
         ADD "version" integer NOT NULL DEFAULT 1`,
    );
    // The alerts raised before: their own device and facility, or a contract's covered facilities.
    await queryRunner.query(
      `UPDATE "alerts" a SET
         "device_ids" = CASE WHEN a."device_id" IS NULL THEN '{}' ELSE ARRAY[a."device_id"] END,
         "facility_ids" = CASE
           WHEN a."facility_id" IS NOT NULL THEN ARRAY[a."facility_id"]
           WHEN a."contract_id" IS NOT NULL THEN COALESCE(
             (SELECT array_agg(DISTINCT d."facility_id") FROM "contract_devices" cd
                JOIN "devices" d ON d."id" = cd."device_id" WHERE cd."contract_id" = a."contract_id"),
             '{}')
           ELSE '{}' END`,
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_alerts_facility_ids" ON "alerts" USING gin ("facility_ids")',
    );
    await queryRunner.query('CREATE INDEX "IDX_alerts_assignee" ON "alerts"  ("assignee_id") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."IDX_alerts_assignee"');
    await queryRunner.query('DROP INDEX "public"."IDX_alerts_facility_ids"');
    await queryRunner.query(
      `ALTER TABLE "alerts" DROP COLUMN "version", DROP COLUMN "assignee_id", DROP COLUMN "comment",
         DROP COLUMN "acknowledged_by_id", DROP COLUMN "acknowledged_at", DROP COLUMN "state",
         DROP COLUMN "device_ids", DROP COLUMN "facility_ids"`,
    );
  }
}
