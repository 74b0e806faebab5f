import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Utilisation1795813629186 implements MigrationInterface {
  name = 'Utilisation1795813629186';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "archive_connections" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "base_url" character varying(2000) NOT NULL, "auth_type" character varying(8) NOT NULL DEFAULT \'NONE\', "username" character varying(200), "secret" text, "enabled" boolean NOT NULL DEFAULT true, "sync_interval_minutes" integer NOT NULL DEFAULT \'60\', "look_back_days" integer NOT NULL DEFAULT \'3\', "sync_from" date, "watermark" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "CHK_archive_connections_auth" CHECK ("auth_type" IN (\'NONE\', \'BASIC\', \'BEARER\')), CONSTRAINT "PK_8e57850fedb14b2c30dea8fb95a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_archive_connections_name" ON "archive_connections"  ("name") ',
    );
    await queryRunner.query(
      'CREATE TABLE "archive_sync_days" ("archive_id" uuid NOT NULL, "day" date NOT NULL, "status" character varying(8) NOT NULL, "attempts" integer NOT NULL DEFAULT \'0\', "last_error" text, "synced_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_archive_sync_days_status" CHECK ("status" IN (\'PENDING\', \'DONE\', \'FAILED\')), CONSTRAINT "PK_f3f6b2d246fd095815664766e1c" PRIMARY KEY ("archive_id", "day"))',
    );
    await queryRunner.query(
      'CREATE TABLE "archive_sync_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "archive_id" uuid NOT NULL, "trigger" character varying(16) NOT NULL, "status" character varying(16) NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, "days" integer NOT NULL DEFAULT \'0\', "days_done" integer NOT NULL DEFAULT \'0\', "days_failed" integer NOT NULL DEFAULT \'0\', "series_read" integer NOT NULL DEFAULT \'0\', "studies" integer NOT NULL DEFAULT \'0\', "images" bigint NOT NULL DEFAULT \'0\', "errors" jsonb NOT NULL DEFAULT \'[]\', CONSTRAINT "CHK_archive_sync_runs_trigger" CHECK ("trigger" IN (\'MANUAL\', \'SCHEDULED\')), CONSTRAINT "CHK_archive_sync_runs_status" CHECK ("status" IN (\'RUNNING\', \'SUCCEEDED\', \'FAILED\')), CONSTRAINT "PK_144270e5b145454ec4c491ba71b" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_archive_sync_runs_archive" ON "archive_sync_runs"  ("archive_id", "started_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "device_identity_mappings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "identity_key" character varying(64) NOT NULL, "device_id" uuid NOT NULL, "device_serial_number" character varying(64), "station_name" character varying(64), "institution_name" character varying(64), "manufacturer" character varying(64), "model_name" character varying(64), "modality" character varying(16), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b3ed2aa206c841a75a35e4abf46" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_device_identity_mappings_identity" ON "device_identity_mappings"  ("identity_key") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_device_identity_mappings_device" ON "device_identity_mappings"  ("device_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "discovered_devices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "identity_key" character varying(64) NOT NULL, "archive_id" uuid, "status" character varying(8) NOT NULL DEFAULT \'NEW\', "device_id" uuid, "modality" character varying(16), "manufacturer" character varying(64), "model_name" character varying(64), "institution_name" character varying(64), "station_name" character varying(64), "device_serial_number" character varying(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_discovered_devices_status" CHECK ("status" IN (\'NEW\', \'LINKED\')), CONSTRAINT "PK_23e5b766a589f5d7e7f59e67c24" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_discovered_devices_status" ON "discovered_devices"  ("status") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_discovered_devices_identity" ON "discovered_devices"  ("identity_key") ',
    );
    await queryRunner.query(
      'CREATE TABLE "discovered_utilisation" ("discovered_device_id" uuid NOT NULL, "day" date NOT NULL, "studies" integer NOT NULL, "images" integer NOT NULL, CONSTRAINT "CHK_discovered_utilisation_counts" CHECK ("studies" >= 0 AND "images" >= 0), CONSTRAINT "PK_16c742a570f9ae37743eccb94e7" PRIMARY KEY ("discovered_device_id", "day"))',
    );
    await queryRunner.query(
      'CREATE TABLE "daily_utilisation" ("device_id" uuid NOT NULL, "day" date NOT NULL, "source" character varying(8) NOT NULL, "studies" integer NOT NULL, "images" integer NOT NULL, "monthly" boolean NOT NULL DEFAULT false, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_daily_utilisation_counts" CHECK ("studies" >= 0 AND "images" >= 0), CONSTRAINT "CHK_daily_utilisation_source" CHECK ("source" IN (\'ARCHIVE\', \'MANUAL\', \'IMPORT\')), CONSTRAINT "PK_b50c41cf1d1dda22166e0a606cf" PRIMARY KEY ("device_id", "day", "source"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_daily_utilisation_day" ON "daily_utilisation"  ("day") ',
    );
    await queryRunner.query(
      'CREATE TABLE "monthly_utilisation" ("device_id" uuid NOT NULL, "month" date NOT NULL, "studies" integer NOT NULL, "images" bigint NOT NULL, "active_days" integer NOT NULL, CONSTRAINT "PK_5d3f80cca6eb9f75b76ca3ead4a" PRIMARY KEY ("device_id", "month"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_monthly_utilisation_month" ON "monthly_utilisation"  ("month") ',
    );
    await queryRunner.query(
      'ALTER TABLE "archive_sync_days" ADD CONSTRAINT "FK_archive_sync_days_archive" FOREIGN KEY ("archive_id") REFERENCES "archive_connections"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "archive_sync_runs" ADD CONSTRAINT "FK_archive_sync_runs_archive" FOREIGN KEY ("archive_id") REFERENCES "archive_connections"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "device_identity_mappings" ADD CONSTRAINT "FK_device_identity_mappings_device" FOREIGN KEY ("device_id") REFERENCES "devices"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "discovered_devices" ADD CONSTRAINT "FK_discovered_devices_archive" FOREIGN KEY ("archive_id") REFERENCES "archive_connections"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "discovered_devices" ADD CONSTRAINT "FK_discovered_devices_device" FOREIGN KEY ("device_id") REFERENCES "devices"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "discovered_utilisation" ADD CONSTRAINT "FK_discovered_utilisation_discovered" FOREIGN KEY ("discovered_device_id") REFERENCES "discovered_devices"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "daily_utilisation" ADD CONSTRAINT "FK_daily_utilisation_device" FOREIGN KEY ("device_id") REFERENCES "devices"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "monthly_utilisation" ADD CONSTRAINT "FK_monthly_utilisation_device" FOREIGN KEY ("device_id") REFERENCES "devices"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "monthly_utilisation" DROP CONSTRAINT "FK_monthly_utilisation_device"',
    );
    await queryRunner.query(
      'ALTER TABLE "daily_utilisation" DROP CONSTRAINT "FK_daily_utilisation_device"',
    );
    await queryRunner.query(
      'ALTER TABLE "discovered_utilisation" DROP CONSTRAINT "FK_discovered_utilisation_discovered"',
    );
    await queryRunner.query(
      'ALTER TABLE "discovered_devices" DROP CONSTRAINT "FK_discovered_devices_device"',
    );
    await queryRunner.query(
      'ALTER TABLE "discovered_devices" DROP CONSTRAINT "FK_discovered_devices_archive"',
    );
    await queryRunner.query(
      'ALTER TABLE "device_identity_mappings" DROP CONSTRAINT "FK_device_identity_mappings_device"',
    );
    await queryRunner.query(
      'ALTER TABLE "archive_sync_runs" DROP CONSTRAINT "FK_archive_sync_runs_archive"',
    );
    await queryRunner.query(
      'ALTER TABLE "archive_sync_days" DROP CONSTRAINT "FK_archive_sync_days_archive"',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_monthly_utilisation_month"');
    await queryRunner.query('DROP TABLE "monthly_utilisation"');
    await queryRunner.query('DROP INDEX "public"."IDX_daily_utilisation_day"');
    await queryRunner.query('DROP TABLE "daily_utilisation"');
    await queryRunner.query('DROP TABLE "discovered_utilisation"');
    await queryRunner.query('DROP INDEX "public"."UQ_discovered_devices_identity"');
    await queryRunner.query('DROP INDEX "public"."IDX_discovered_devices_status"');
    await queryRunner.query('DROP TABLE "discovered_devices"');
    await queryRunner.query('DROP INDEX "public"."IDX_device_identity_mappings_device"');
    await queryRunner.query('DROP INDEX "public"."UQ_device_identity_mappings_identity"');
    await queryRunner.query('DROP TABLE "device_identity_mappings"');
    await queryRunner.query('DROP INDEX "public"."IDX_archive_sync_runs_archive"');
    await queryRunner.query('DROP TABLE "archive_sync_runs"');
    await queryRunner.query('DROP TABLE "archive_sync_days"');
    await queryRunner.query('DROP INDEX "public"."UQ_archive_connections_name"');
    await queryRunner.query('DROP TABLE "archive_connections"');
  }
}
