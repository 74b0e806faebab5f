import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Contracts1795813667765 implements MigrationInterface {
  name = 'Contracts1795813667765';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "suppliers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(300) NOT NULL, "inn" character varying(12) NOT NULL, "kpp" character varying(9), "address" character varying(500), "contact_person" character varying(200), "phone" character varying(50), "email" character varying(254), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "PK_b70ac51766a9e3144f778cfe81e" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "UQ_suppliers_inn" ON "suppliers"  ("inn") ');
    await queryRunner.query('CREATE INDEX "IDX_suppliers_name" ON "suppliers"  ("name") ');
    await queryRunner.query(
      'CREATE TABLE "contracts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "number" character varying(64) NOT NULL, "type" character varying(16) NOT NULL, "supplier_id" uuid NOT NULL, "subject" text NOT NULL, "signed_on" date, "start_date" date NOT NULL, "end_date" date NOT NULL, "value" numeric(16,2) NOT NULL, "sla_uptime_percent" numeric(5,2), "sla_basis" character varying(16), "sla_response_hours" integer, "sla_repair_days" integer, "sla_penalty_per_day" numeric(14,2), "terminated_on" date, "termination_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "CHK_contracts_termination" CHECK (("terminated_on" IS NULL) = ("termination_reason" IS NULL)), CONSTRAINT "CHK_contracts_sla_basis" CHECK ("sla_basis" IS NULL OR "sla_basis" IN (\'ROUND_THE_CLOCK\', \'SCHEDULED_HOURS\')), CONSTRAINT "CHK_contracts_sla" CHECK (("sla_uptime_percent" IS NULL) = ("sla_basis" IS NULL) AND ("sla_basis" IS NULL) = ("sla_response_hours" IS NULL) AND ("sla_basis" IS NULL) = ("sla_repair_days" IS NULL) AND ("sla_basis" IS NULL) = ("sla_penalty_per_day" IS NULL)), CONSTRAINT "CHK_contracts_dates" CHECK ("end_date" >= "start_date"), CONSTRAINT "CHK_contracts_type" CHECK ("type" IN (\'SUPPLY\', \'SERVICE\', \'LIFECYCLE\')), CONSTRAINT "PK_2c7b8f3a7b1acdd49497d83d0fb" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_contracts_number" ON "contracts"  ("number") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_contracts_end_date" ON "contracts"  ("end_date") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_contracts_supplier" ON "contracts"  ("supplier_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "contract_devices" ("contract_id" uuid NOT NULL, "device_id" uuid NOT NULL, "service_from" date NOT NULL, "service_to" date NOT NULL, CONSTRAINT "CHK_contract_devices_period" CHECK ("service_to" >= "service_from"), CONSTRAINT "PK_1d351aafa4747e6df938c866d24" PRIMARY KEY ("contract_id", "device_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_contract_devices_device" ON "contract_devices"  ("device_id", "service_from") ',
    );
    await queryRunner.query(
      'CREATE TABLE "payment_milestones" ("contract_id" uuid NOT NULL, "sequence" integer NOT NULL, "description" character varying(500), "due_date" date NOT NULL, "amount" numeric(16,2) NOT NULL, "paid_on" date, CONSTRAINT "CHK_payment_milestones_amount" CHECK ("amount" >= 0), CONSTRAINT "PK_7f88cf756f923ba195ef87f0ef5" PRIMARY KEY ("contract_id", "sequence"))',
    );
    await queryRunner.query(
      'CREATE TABLE "service_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "device_id" uuid NOT NULL, "type" character varying(32) NOT NULL, "reported_at" TIMESTAMP WITH TIME ZONE NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE, "resolved_at" TIMESTAMP WITH TIME ZONE, "description" text NOT NULL, "cost" numeric(14,2) NOT NULL DEFAULT \'0\', "contract_id" uuid, "interrupted_status" character varying(16), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "CHK_service_events_cost" CHECK ("cost" >= 0), CONSTRAINT "CHK_service_events_times" CHECK (("started_at" IS NULL OR "started_at" >= "reported_at") AND ("resolved_at" IS NULL OR "resolved_at" >= "reported_at")), CONSTRAINT "CHK_service_events_interrupted" CHECK ("interrupted_status" IS NULL OR "interrupted_status" IN (\'PLANNED\', \'IN_SERVICE\', \'UNDER_REPAIR\', \'IDLE\', \'DECOMMISSIONED\')), CONSTRAINT "CHK_service_events_type" CHECK ("type" IN (\'BREAKDOWN\', \'PREVENTIVE_MAINTENANCE\', \'CALIBRATION\', \'UPGRADE\', \'INSPECTION\')), CONSTRAINT "PK_1608e9859ce1f28c77cc896fdbc" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_service_events_reported" ON "service_events"  ("reported_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_service_events_contract" ON "service_events"  ("contract_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_service_events_device" ON "service_events"  ("device_id", "type", "reported_at") ',
    );
    await queryRunner.query(
      'ALTER TABLE "contracts" ADD CONSTRAINT "FK_contracts_supplier" FOREIGN KEY ("supplier_id") REFERENCES "suppliers"("id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "contract_devices" ADD CONSTRAINT "FK_contract_devices_contract" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "contract_devices" ADD CONSTRAINT "FK_contract_devices_device" FOREIGN KEY ("device_id") REFERENCES "devices"("id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "payment_milestones" ADD CONSTRAINT "FK_payment_milestones_contract" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "service_events" ADD CONSTRAINT "FK_service_events_device" FOREIGN KEY ("device_id") REFERENCES "devices"("id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "service_events" ADD CONSTRAINT "FK_service_events_contract" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "service_events" DROP CONSTRAINT "FK_service_events_contract"',
    );
    await queryRunner.query(
      'ALTER TABLE "service_events" DROP CONSTRAINT "FK_service_events_device"',
    );
    await queryRunner.query(
      'ALTER TABLE "payment_milestones" DROP CONSTRAINT "FK_payment_milestones_contract"',
    );
    await queryRunner.query(
      'ALTER TABLE "contract_devices" DROP CONSTRAINT "FK_contract_devices_device"',
    );
    await queryRunner.query(
      'ALTER TABLE "contract_devices" DROP CONSTRAINT "FK_contract_devices_contract"',
    );
    await queryRunner.query('ALTER TABLE "contracts" DROP CONSTRAINT "FK_contracts_supplier"');
    await queryRunner.query('DROP INDEX "public"."IDX_service_events_device"');
    await queryRunner.query('DROP INDEX "public"."IDX_service_events_contract"');
    await queryRunner.query('DROP INDEX "public"."IDX_service_events_reported"');
    await queryRunner.query('DROP TABLE "service_events"');
    await queryRunner.query('DROP TABLE "payment_milestones"');
    await queryRunner.query('DROP INDEX "public"."IDX_contract_devices_device"');
    await queryRunner.query('DROP TABLE "contract_devices"');
    await queryRunner.query('DROP INDEX "public"."IDX_contracts_supplier"');
    await queryRunner.query('DROP INDEX "public"."IDX_contracts_end_date"');
    await queryRunner.query('DROP INDEX "public"."UQ_contracts_number"');
    await queryRunner.query('DROP TABLE "contracts"');
    await queryRunner.query('DROP INDEX "public"."IDX_suppliers_name"');
    await queryRunner.query('DROP INDEX "public"."UQ_suppliers_inn"');
    await queryRunner.query('DROP TABLE "suppliers"');
  }
}
