import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Alerts1795813403227 implements MigrationInterface {
  name = 'Alerts1795813403227';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "alerts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "type" character varying(32) NOT NULL, "key" character varying(200) NOT NULL, "severity" character varying(16) NOT NULL, "message" text NOT NULL, "params" jsonb NOT NULL DEFAULT \'{}\', "device_id" uuid, "facility_id" uuid, "contract_id" uuid, "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "resolved_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_alerts_severity" CHECK ("severity" IN (\'INFO\', \'WARNING\', \'CRITICAL\')), CONSTRAINT "CHK_alerts_type" CHECK ("type" IN (\'SILENT_DEVICE\', \'CONTRACT_ENDING_90\', \'CONTRACT_ENDING_30\', \'COVERAGE_ENDING\', \'NO_COVERAGE\', \'SLA_BREACH\')), CONSTRAINT "PK_60f895662df096bfcdfab7f4b96" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_alerts_contract" ON "alerts"  ("contract_id") ');
    await queryRunner.query('CREATE INDEX "IDX_alerts_device" ON "alerts"  ("device_id") ');
    await queryRunner.query('CREATE INDEX "IDX_alerts_open" ON "alerts"  ("type", "resolved_at") ');
    // At most one open alert per condition; resolved ones stay as history.
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_alerts_open_key" ON "alerts" ("key") WHERE "resolved_at" IS NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."UQ_alerts_open_key"');
    await queryRunner.query('DROP INDEX "public"."IDX_alerts_open"');
    await queryRunner.query('DROP INDEX "public"."IDX_alerts_device"');
    await queryRunner.query('DROP INDEX "public"."IDX_alerts_contract"');
    await queryRunner.query('DROP TABLE "alerts"');
  }
}
