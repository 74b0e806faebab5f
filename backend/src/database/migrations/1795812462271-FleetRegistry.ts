import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FleetRegistry1795812462271 implements MigrationInterface {
  name = 'FleetRegistry1795812462271';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "modalities" ("code" character varying(16) NOT NULL, "name_ru" character varying(100) NOT NULL, "name_en" character varying(100) NOT NULL, "service_life_years" integer NOT NULL, "nominal_studies_per_hour" numeric(6,2) NOT NULL, "scheduled_hours_per_week" numeric(4,1) NOT NULL, "version" integer NOT NULL, CONSTRAINT "PK_475b1124f8a0b1f0eb6ce83017e" PRIMARY KEY ("code"))',
    );
    await queryRunner.query(
      'CREATE TABLE "devices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "inventory_number" character varying(64) NOT NULL, "serial_number" character varying(100), "manufacturer" character varying(200) NOT NULL, "model" character varying(200) NOT NULL, "modality" character varying(16) NOT NULL, "technology" character varying(16) NOT NULL, "archive_connected" boolean NOT NULL DEFAULT false, "dicom_station_name" character varying(16), "dicom_ae_title" character varying(16), "dicom_serial_number" character varying(64), "dicom_institution_name" character varying(64), "facility_id" uuid NOT NULL, "department" character varying(200), "room" character varying(50), "year_of_manufacture" integer, "commissioning_date" date, "purchase_price" numeric(14,2), "funding_source" character varying(32), "service_life_years" integer, "scheduled_hours_per_week" numeric(4,1), "status" character varying(16) NOT NULL DEFAULT \'IN_SERVICE\', "decommissioned_on" date, "decommission_reason" text, "notes" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "CHK_devices_decommission" CHECK ("status" <> \'DECOMMISSIONED\' OR ("decommissioned_on" IS NOT NULL AND "decommission_reason" IS NOT NULL)), CONSTRAINT "CHK_devices_funding" CHECK ("funding_source" IS NULL OR "funding_source" IN (\'CITY_BUDGET\', \'FEDERAL_BUDGET\', \'COMPULSORY_HEALTH_INSURANCE\', \'INCOME_GENERATING\', \'OTHER\')), CONSTRAINT "CHK_devices_status" CHECK ("status" IN (\'PLANNED\', \'IN_SERVICE\', \'UNDER_REPAIR\', \'IDLE\', \'DECOMMISSIONED\')), CONSTRAINT "CHK_devices_technology" CHECK ("technology" IN (\'DIGITAL\', \'ANALOGUE\')), CONSTRAINT "PK_b1514758245c12daf43486dd1f0" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_devices_inventory_number" ON "devices"  ("inventory_number") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_devices_ae_title" ON "devices"  ("dicom_ae_title") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_devices_station" ON "devices"  ("dicom_station_name", "dicom_institution_name") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_devices_dicom_serial" ON "devices"  ("dicom_serial_number") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_devices_status" ON "devices"  ("status") ');
    await queryRunner.query('CREATE INDEX "IDX_devices_modality" ON "devices"  ("modality") ');
    await queryRunner.query('CREATE INDEX "IDX_devices_facility" ON "devices"  ("facility_id") ');
    await queryRunner.query(
      'ALTER TABLE "devices" ADD CONSTRAINT "FK_devices_modality" FOREIGN KEY ("modality") REFERENCES "modalities"("code") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "devices" ADD CONSTRAINT "FK_devices_facility" FOREIGN KEY ("facility_id") REFERENCES "facilities"("id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );

    // Reference data with DOMAIN.md's defaults (service lives are a planning assumption, editable by ADMIN).
    await queryRunner.query(`
      INSERT INTO "modalities" (code, name_ru, name_en, service_life_years, nominal_studies_per_hour, scheduled_hours_per_week, version) VALUES
        ('CT', 'Компьютерная томография', 'CT', 10, 2.3, 50, 1),
        ('MRI', 'Магнитно-резонансная томография', 'MRI', 10, 1.8, 50, 1),
        ('MAMMOGRAPHY', 'Маммография', 'Mammography', 10, 5, 50, 1),
        ('RADIOGRAPHY', 'Рентгенография', 'Radiography', 12, 6, 50, 1),
        ('FLUOROGRAPHY', 'Флюорография', 'Fluorography', 10, 12, 50, 1),
        ('ANGIOGRAPHY', 'Ангиография', 'Angiography', 10, 0.8, 50, 1),
        ('DENSITOMETRY', 'Денситометрия', 'Densitometry', 10, 3, 50, 1)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "devices" DROP CONSTRAINT "FK_devices_facility"');
    await queryRunner.query('ALTER TABLE "devices" DROP CONSTRAINT "FK_devices_modality"');
    await queryRunner.query('DROP INDEX "public"."IDX_devices_facility"');
    await queryRunner.query('DROP INDEX "public"."IDX_devices_modality"');
    await queryRunner.query('DROP INDEX "public"."IDX_devices_status"');
    await queryRunner.query('DROP INDEX "public"."IDX_devices_dicom_serial"');
    await queryRunner.query('DROP INDEX "public"."IDX_devices_station"');
    await queryRunner.query('DROP INDEX "public"."IDX_devices_ae_title"');
    await queryRunner.query('DROP INDEX "public"."UQ_devices_inventory_number"');
    await queryRunner.query('DROP TABLE "devices"');
    await queryRunner.query('DROP TABLE "modalities"');
  }
}
