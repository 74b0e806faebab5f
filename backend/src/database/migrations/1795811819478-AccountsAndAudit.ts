import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AccountsAndAudit1795811819478 implements MigrationInterface {
  name = 'AccountsAndAudit1795811819478';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "audit_log" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seq" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid, "actor_email" character varying(254), "action" character varying(16) NOT NULL, "entity_type" character varying(64) NOT NULL, "entity_id" character varying(64) NOT NULL, "changes" jsonb NOT NULL, "request_id" character varying(128), CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "UQ_audit_log_seq" ON "audit_log"  ("seq") ');
    await queryRunner.query('CREATE INDEX "IDX_audit_log_at" ON "audit_log"  ("at") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_audit_log_actor" ON "audit_log"  ("actor_id", "at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_audit_log_entity" ON "audit_log"  ("entity_type", "entity_id", "seq") ',
    );
    await queryRunner.query(
      'CREATE TABLE "login_throttle" ("key" character varying(320) NOT NULL, "failures" integer NOT NULL DEFAULT \'0\', "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "locked_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_14c03bac82292a8310c54cb98d0" PRIMARY KEY ("key"))',
    );
    await queryRunner.query(
      'CREATE TABLE "facilities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(32) NOT NULL, "name" character varying(300) NOT NULL, "short_name" character varying(100) NOT NULL, "type" character varying(32) NOT NULL, "district" character varying(8) NOT NULL, "address" character varying(500) NOT NULL DEFAULT \'\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "CHK_facilities_district" CHECK ("district" IN (\'CAO\', \'SAO\', \'SVAO\', \'VAO\', \'YUVAO\', \'YUAO\', \'YUZAO\', \'ZAO\', \'SZAO\', \'ZELAO\', \'NAO\', \'TAO\')), CONSTRAINT "CHK_facilities_type" CHECK ("type" IN (\'HOSPITAL\', \'OUTPATIENT_CLINIC\', \'DIAGNOSTIC_CENTRE\', \'OTHER\')), CONSTRAINT "PK_2e6c685b2e1195e6d6394a22bc7" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "UQ_facilities_code" ON "facilities"  ("code") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_facilities_district" ON "facilities"  ("district") ',
    );
    await queryRunner.query(
      'CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(254) NOT NULL, "name" character varying(200) NOT NULL, "role" character varying(32) NOT NULL, "password_hash" text NOT NULL, "active" boolean NOT NULL DEFAULT true, "last_login_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "CHK_users_role" CHECK ("role" IN (\'ADMIN\', \'PROCUREMENT\', \'FACILITY_MANAGER\', \'EXECUTIVE\')), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "access_token_hash" character(64) NOT NULL, "access_expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "refresh_token_hash" character(64) NOT NULL, "refresh_expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "user_agent" character varying(300), "ip" character varying(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_sessions_access_token" ON "sessions"  ("access_token_hash") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_sessions_refresh_token" ON "sessions"  ("refresh_token_hash") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_sessions_user" ON "sessions"  ("user_id") ');
    await queryRunner.query(
      'CREATE TABLE "app_meta" ("key" character varying(64) NOT NULL, "value" jsonb NOT NULL, CONSTRAINT "PK_2517812d17c14a0ecd40dd79d63" PRIMARY KEY ("key"))',
    );
    await queryRunner.query(
      'CREATE TABLE "user_facilities" ("user_id" uuid NOT NULL, "facility_id" uuid NOT NULL, CONSTRAINT "PK_0e46bdd18798ddc47096fe655fd" PRIMARY KEY ("user_id", "facility_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_3688d56f1a0c54aedac34eeca7" ON "user_facilities"  ("user_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_e89cf800719f175824c2ea3600" ON "user_facilities"  ("facility_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "sessions" ADD CONSTRAINT "FK_sessions_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "user_facilities" ADD CONSTRAINT "FK_user_facilities_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE',
    );
    await queryRunner.query(
      'ALTER TABLE "user_facilities" ADD CONSTRAINT "FK_user_facilities_facility" FOREIGN KEY ("facility_id") REFERENCES "facilities"("id") ON DELETE CASCADE ON UPDATE CASCADE',
    );

    // Emails are unique whatever their case.
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_users_email_lower" ON "users" (lower("email"))',
    );
    // The audit trail is append-only: the database itself refuses to change or remove an entry.
    await queryRunner.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(
      'CREATE TRIGGER "TRG_audit_log_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()',
    );
    await queryRunner.query(
      'CREATE TRIGGER "TRG_audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER "TRG_audit_log_no_truncate" ON "audit_log"');
    await queryRunner.query('DROP TRIGGER "TRG_audit_log_no_update_delete" ON "audit_log"');
    await queryRunner.query('DROP FUNCTION audit_log_append_only()');
    await queryRunner.query('DROP INDEX "public"."UQ_users_email_lower"');
    await queryRunner.query(
      'ALTER TABLE "user_facilities" DROP CONSTRAINT "FK_user_facilities_facility"',
    );
    await queryRunner.query(
      'ALTER TABLE "user_facilities" DROP CONSTRAINT "FK_user_facilities_user"',
    );
    await queryRunner.query('ALTER TABLE "sessions" DROP CONSTRAINT "FK_sessions_user"');
    await queryRunner.query('DROP INDEX "public"."IDX_e89cf800719f175824c2ea3600"');
    await queryRunner.query('DROP INDEX "public"."IDX_3688d56f1a0c54aedac34eeca7"');
    await queryRunner.query('DROP TABLE "user_facilities"');
    await queryRunner.query('DROP TABLE "app_meta"');
    await queryRunner.query('DROP INDEX "public"."IDX_sessions_user"');
    await queryRunner.query('DROP INDEX "public"."UQ_sessions_refresh_token"');
    await queryRunner.query('DROP INDEX "public"."UQ_sessions_access_token"');
    await queryRunner.query('DROP TABLE "sessions"');
    await queryRunner.query('DROP TABLE "users"');
    await queryRunner.query('DROP INDEX "public"."IDX_facilities_district"');
    await queryRunner.query('DROP INDEX "public"."UQ_facilities_code"');
    await queryRunner.query('DROP TABLE "facilities"');
    await queryRunner.query('DROP TABLE "login_throttle"');
    await queryRunner.query('DROP INDEX "public"."IDX_audit_log_entity"');
    await queryRunner.query('DROP INDEX "public"."IDX_audit_log_actor"');
    await queryRunner.query('DROP INDEX "public"."IDX_audit_log_at"');
    await queryRunner.query('DROP INDEX "public"."UQ_audit_log_seq"');
    await queryRunner.query('DROP TABLE "audit_log"');
  }
}
