import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SLA's measurement period (MONTH or QUARTER) and verdict scope (PER_DEVICE or PER_CONTRACT) as
 * contract terms, and a contract's per-device service fee (the weight its payments are allocated
 * by). Contracts with SLA terms get the former defaults: QUARTER, PER_DEVICE.
 */
export class SlaPeriodsAndServiceFees1796302000000 implements MigrationInterface {
  name = 'SlaPeriodsAndServiceFees1796302000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "contracts" ADD "sla_measurement_period" character varying(16), ADD "sla_verdict_scope" character varying(16)',
    );
    await queryRunner.query(
      `UPDATE "contracts" SET "sla_measurement_period" = 'QUARTER', "sla_verdict_scope" = 'PER_DEVICE' WHERE "sla_basis" IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "contracts" ADD CONSTRAINT "CHK_contracts_sla_period" CHECK ("sla_measurement_period" IS NULL OR "sla_measurement_period" IN ('MONTH', 'QUARTER'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "contracts" ADD CONSTRAINT "CHK_contracts_sla_scope" CHECK ("sla_verdict_scope" IS NULL OR "sla_verdict_scope" IN ('PER_DEVICE', 'PER_CONTRACT'))`,
    );
    await queryRunner.query(
      'ALTER TABLE "contracts" ADD CONSTRAINT "CHK_contracts_sla_terms" CHECK (("sla_basis" IS NULL) = ("sla_measurement_period" IS NULL) AND ("sla_basis" IS NULL) = ("sla_verdict_scope" IS NULL))',
    );
    await queryRunner.query('ALTER TABLE "contract_devices" ADD "service_fee" numeric(16,2)');
    await queryRunner.query(
      'ALTER TABLE "contract_devices" ADD CONSTRAINT "CHK_contract_devices_service_fee" CHECK ("service_fee" IS NULL OR "service_fee" >= 0)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "contract_devices" DROP CONSTRAINT "CHK_contract_devices_service_fee"',
    );
    await queryRunner.query('ALTER TABLE "contract_devices" DROP COLUMN "service_fee"');
    await queryRunner.query('ALTER TABLE "contracts" DROP CONSTRAINT "CHK_contracts_sla_terms"');
    await queryRunner.query('ALTER TABLE "contracts" DROP CONSTRAINT "CHK_contracts_sla_scope"');
    await queryRunner.query('ALTER TABLE "contracts" DROP CONSTRAINT "CHK_contracts_sla_period"');
    await queryRunner.query(
      'ALTER TABLE "contracts" DROP COLUMN "sla_verdict_scope", DROP COLUMN "sla_measurement_period"',
    );
  }
}
