import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Planning's reference data: life bands by use (seeded with CAR 2013's radiography and
 * fluoroscopy bands, and one band at the modality's default life elsewhere), the replacement price
 * catalogue (empty: prices default to the fleet's own median purchase price), the default weight
 * set of the priority score, the versions of the three sets, and the devices' optional
 * end-of-vendor-support date.
 */
export class Planning1796215801715 implements MigrationInterface {
  name = 'Planning1796215801715';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "life_bands" ("modality" character varying(16) NOT NULL, "min_studies_per_year" integer NOT NULL, "life_years" integer NOT NULL, "source" text NOT NULL, CONSTRAINT "CHK_life_bands_values" CHECK ("min_studies_per_year" >= 0 AND "life_years" BETWEEN 1 AND 50), CONSTRAINT "PK_life_bands" PRIMARY KEY ("modality", "min_studies_per_year"))',
    );
    await queryRunner.query(
      'CREATE TABLE "planning_reference" ("kind" character varying(16) NOT NULL, "version" integer NOT NULL DEFAULT \'1\', "escalation_pct" numeric(5,2), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_planning_reference_kind" CHECK ("kind" IN (\'LIFE_BANDS\', \'PRICES\', \'WEIGHTS\')), CONSTRAINT "PK_planning_reference" PRIMARY KEY ("kind"))',
    );
    await queryRunner.query(
      'CREATE TABLE "priority_weight_sets" ("name" character varying(64) NOT NULL, "is_default" boolean NOT NULL DEFAULT false, "weights" jsonb NOT NULL, "source" text NOT NULL, CONSTRAINT "PK_priority_weight_sets" PRIMARY KEY ("name"))',
    );
    await queryRunner.query(
      'CREATE TABLE "replacement_prices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "modality" character varying(16) NOT NULL, "price_class" character varying(64), "price" numeric(14,2) NOT NULL, "effective_from" date NOT NULL, "source" text NOT NULL, CONSTRAINT "CHK_replacement_prices_price" CHECK ("price" > 0), CONSTRAINT "PK_replacement_prices" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_replacement_prices_modality" ON "replacement_prices"  ("modality", "effective_from") ',
    );
    await queryRunner.query('ALTER TABLE "devices" ADD "vendor_support_ends_on" date');
    await queryRunner.query(
      'ALTER TABLE "life_bands" ADD CONSTRAINT "FK_life_bands_modality" FOREIGN KEY ("modality") REFERENCES "modalities"("code") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "replacement_prices" ADD CONSTRAINT "FK_replacement_prices_modality" FOREIGN KEY ("modality") REFERENCES "modalities"("code") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      `INSERT INTO "planning_reference" (kind, version, escalation_pct) VALUES ('LIFE_BANDS', 1, NULL), ('PRICES', 1, 5), ('WEIGHTS', 1, NULL)`,
    );
    const car = 'CAR 2013 (Canadian Association of Radiologists), quoted by ESR 2014';
    await queryRunner.query(
      `INSERT INTO "life_bands" (modality, min_studies_per_year, life_years, source) VALUES
        ('RADIOGRAPHY', 0, 14, $1), ('RADIOGRAPHY', 10000, 12, $1), ('RADIOGRAPHY', 20001, 10, $1),
        ('ANGIOGRAPHY', 0, 12, $2), ('ANGIOGRAPHY', 2000, 10, $2), ('ANGIOGRAPHY', 4001, 8, $2)`,
      [`${car}: general radiography`, `${car}: fluoroscopy and interventional C-arms`],
    );
    await queryRunner.query(
      `INSERT INTO "life_bands" (modality, min_studies_per_year, life_years, source)
       SELECT code, 0, service_life_years, 'The modality''s default service life (planning assumption, DOMAIN.md)'
         FROM "modalities" WHERE code NOT IN ('RADIOGRAPHY', 'ANGIOGRAPHY')`,
    );
    await queryRunner.query(
      `INSERT INTO "priority_weight_sets" (name, is_default, weights, source) VALUES ('default', true, $1, $2)`,
      [
        JSON.stringify({
          AGE: 20,
          ANALOGUE: 10,
          DOWNTIME: 10,
          BREAKDOWNS: 15,
          SERVICE_COST: 15,
          UTILISATION_PRESSURE: 5,
          VENDOR_SUPPORT: 15,
          NO_BACKUP: 10,
        }),
        'After Seo, Park & Lee 2022 (Front. Public Health 10:989320, table 3): failure rate 25 (here breakdowns 15 + downtime 10), age 20, parts discontinuation 15 (vendor support), maintenance-cost ratio 10 (service cost, raised to 15 by the 30 %/50 % HTM rule); analogue technology 10 and no backup 10 for this city; utilisation pressure 5',
      ],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "replacement_prices" DROP CONSTRAINT "FK_replacement_prices_modality"',
    );
    await queryRunner.query('ALTER TABLE "life_bands" DROP CONSTRAINT "FK_life_bands_modality"');
    await queryRunner.query('ALTER TABLE "devices" DROP COLUMN "vendor_support_ends_on"');
    await queryRunner.query('DROP INDEX "public"."IDX_replacement_prices_modality"');
    await queryRunner.query('DROP TABLE "replacement_prices"');
    await queryRunner.query('DROP TABLE "priority_weight_sets"');
    await queryRunner.query('DROP TABLE "planning_reference"');
    await queryRunner.query('DROP TABLE "life_bands"');
  }
}
