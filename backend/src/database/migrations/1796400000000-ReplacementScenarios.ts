import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Replacement scenarios: the scenario and its inputs (caps as exact decimal strings, targets,
 * pins, exclusions and removals as JSON), its runs (a job with progress, the solver's report, the
 * optimum's and the by-score method's measures, or why no plan exists), each run's plan rows, and
 * the approval (who, when, the run and a snapshot), at most one current per start year.
 */
export class ReplacementScenarios1796400000000 implements MigrationInterface {
  name = 'ReplacementScenarios1796400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "scenarios" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "start_year" integer NOT NULL, "horizon_years" integer NOT NULL, "caps" jsonb NOT NULL, "carry_over" boolean NOT NULL DEFAULT false, "escalation_pct" numeric(5,2), "weights" jsonb, "targets" jsonb NOT NULL DEFAULT '[]', "pins" jsonb NOT NULL DEFAULT '[]', "exclusions" jsonb NOT NULL DEFAULT '[]', "removals" jsonb NOT NULL DEFAULT '[]', "state" character varying(16) NOT NULL DEFAULT 'DRAFT', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "CHK_scenarios_horizon" CHECK ("horizon_years" BETWEEN 1 AND 15), CONSTRAINT "CHK_scenarios_state" CHECK ("state" IN ('DRAFT', 'APPROVED')), CONSTRAINT "PK_scenarios" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_scenarios_start_year" ON "scenarios" ("start_year")',
    );
    await queryRunner.query(
      `CREATE TABLE "scenario_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "scenario_id" uuid NOT NULL, "scenario_version" integer NOT NULL, "status" character varying(16) NOT NULL, "progress" integer NOT NULL DEFAULT '0', "stage" character varying(32), "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, "total_spend" numeric(16,2), "solver" jsonb, "optimum" jsonb, "by_score" jsonb, "infeasibility" jsonb, "error" text, CONSTRAINT "CHK_scenario_runs_progress" CHECK ("progress" BETWEEN 0 AND 100), CONSTRAINT "CHK_scenario_runs_status" CHECK ("status" IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'INFEASIBLE', 'FAILED')), CONSTRAINT "PK_scenario_runs" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_scenario_runs_scenario" ON "scenario_runs" ("scenario_id", "started_at")',
    );
    await queryRunner.query(
      'CREATE TABLE "scenario_approvals" ("scenario_id" uuid NOT NULL, "run_id" uuid NOT NULL, "start_year" integer NOT NULL, "is_current" boolean NOT NULL DEFAULT true, "approved_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "approved_by_id" uuid, "approved_by_email" character varying(320), "snapshot" jsonb NOT NULL, CONSTRAINT "PK_scenario_approvals" PRIMARY KEY ("scenario_id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_scenario_approvals_current" ON "scenario_approvals" ("start_year") WHERE "is_current"',
    );
    await queryRunner.query(
      `CREATE TABLE "scenario_plan_rows" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "run_id" uuid NOT NULL, "device_id" uuid, "modality" character varying(16) NOT NULL, "year" integer NOT NULL, "price" numeric(16,2) NOT NULL, "reason" character varying(16) NOT NULL, "target" jsonb, "score" numeric(6,2), "factors" jsonb NOT NULL DEFAULT '[]', CONSTRAINT "CHK_scenario_plan_rows_price" CHECK ("price" >= 0), CONSTRAINT "CHK_scenario_plan_rows_reason" CHECK ("reason" IN ('SCORE', 'PIN', 'TARGET', 'NEW_CAPACITY', 'REMOVAL')), CONSTRAINT "PK_scenario_plan_rows" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_scenario_plan_rows_device" ON "scenario_plan_rows" ("device_id")',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_scenario_plan_rows_run" ON "scenario_plan_rows" ("run_id", "year")',
    );
    await queryRunner.query(
      'ALTER TABLE "scenario_runs" ADD CONSTRAINT "FK_scenario_runs_scenario" FOREIGN KEY ("scenario_id") REFERENCES "scenarios"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "scenario_approvals" ADD CONSTRAINT "FK_scenario_approvals_scenario" FOREIGN KEY ("scenario_id") REFERENCES "scenarios"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "scenario_approvals" ADD CONSTRAINT "FK_scenario_approvals_run" FOREIGN KEY ("run_id") REFERENCES "scenario_runs"("id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "scenario_plan_rows" ADD CONSTRAINT "FK_scenario_plan_rows_run" FOREIGN KEY ("run_id") REFERENCES "scenario_runs"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "scenario_plan_rows" ADD CONSTRAINT "FK_scenario_plan_rows_device" FOREIGN KEY ("device_id") REFERENCES "devices"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "scenario_plan_rows"');
    await queryRunner.query('DROP TABLE "scenario_approvals"');
    await queryRunner.query('DROP TABLE "scenario_runs"');
    await queryRunner.query('DROP TABLE "scenarios"');
  }
}
