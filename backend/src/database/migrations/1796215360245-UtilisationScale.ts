import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Utilisation at scale (README, "Scale"):
 * - `daily_utilisation` becomes a table partitioned by month (native PostgreSQL partitioning), so a
 *   year's query touches a year; `ensure_daily_utilisation_partitions(from, to)` creates the months'
 *   partitions that do not exist yet (at start, before writes, for the demo's whole span);
 * - `IDX_daily_utilisation_device_series` covers one device's daily series (index-only scans);
 * - `utilisation_rollup` holds per (month, facility, modality) the sums of `monthly_utilisation`
 *   (itself the per device and month sums of the daily rows), refreshed by
 *   `refresh_utilisation_rollup` in the same transaction as every write, and by a trigger when a
 *   device moves to another facility or modality.
 */
export class UtilisationScale1796215360245 implements MigrationInterface {
  name = 'UtilisationScale1796215360245';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE "daily_utilisation" RENAME TO "daily_utilisation_unpartitioned"');
    await q.query(
      'ALTER TABLE "daily_utilisation_unpartitioned" RENAME CONSTRAINT "PK_b50c41cf1d1dda22166e0a606cf" TO "PK_daily_utilisation_unpartitioned"',
    );
    await q.query(
      'ALTER TABLE "daily_utilisation_unpartitioned" DROP CONSTRAINT "FK_daily_utilisation_device"',
    );
    await q.query(
      'ALTER TABLE "daily_utilisation_unpartitioned" DROP CONSTRAINT "CHK_daily_utilisation_counts"',
    );
    await q.query(
      'ALTER TABLE "daily_utilisation_unpartitioned" DROP CONSTRAINT "CHK_daily_utilisation_source"',
    );
    await q.query('DROP INDEX "public"."IDX_daily_utilisation_day"');
    await q.query(
      'CREATE TABLE "daily_utilisation" ("device_id" uuid NOT NULL, "day" date NOT NULL, "source" character varying(8) NOT NULL, "studies" integer NOT NULL, "images" integer NOT NULL, "monthly" boolean NOT NULL DEFAULT false, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_daily_utilisation_counts" CHECK ("studies" >= 0 AND "images" >= 0), CONSTRAINT "CHK_daily_utilisation_source" CHECK ("source" IN (\'ARCHIVE\', \'MANUAL\', \'IMPORT\')), CONSTRAINT "PK_b50c41cf1d1dda22166e0a606cf" PRIMARY KEY ("device_id", "day", "source")) PARTITION BY RANGE ("day")',
    );
    await q.query('CREATE INDEX "IDX_daily_utilisation_day" ON "daily_utilisation"  ("day") ');
    await q.query(
      'CREATE INDEX "IDX_daily_utilisation_device_series" ON "daily_utilisation" ("device_id", "day") INCLUDE ("studies", "images", "monthly")',
    );
    await q.query(
      'ALTER TABLE "daily_utilisation" ADD CONSTRAINT "FK_daily_utilisation_device" FOREIGN KEY ("device_id") REFERENCES "devices"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await q.query(`
      CREATE FUNCTION ensure_daily_utilisation_partitions(p_from date, p_to date) RETURNS integer
      LANGUAGE plpgsql AS $$
      DECLARE
        m date := date_trunc('month', p_from)::date;
        created integer := 0;
        name text;
      BEGIN
        WHILE m <= p_to LOOP
          name := 'daily_utilisation_' || to_char(m, 'YYYY_MM');
          IF to_regclass(name) IS NULL THEN
            BEGIN
              EXECUTE format('CREATE TABLE %I PARTITION OF daily_utilisation FOR VALUES FROM (%L) TO (%L)',
                             name, m, (m + interval '1 month')::date);
              created := created + 1;
            EXCEPTION WHEN duplicate_table THEN NULL;
            END;
          END IF;
          m := (m + interval '1 month')::date;
        END LOOP;
        RETURN created;
      END $$`);
    await q.query(`
      SELECT ensure_daily_utilisation_partitions(
        coalesce((SELECT min(day) FROM daily_utilisation_unpartitioned), current_date),
        greatest(coalesce((SELECT max(day) FROM daily_utilisation_unpartitioned), current_date), current_date))`);
    await q.query(
      'INSERT INTO "daily_utilisation" SELECT * FROM "daily_utilisation_unpartitioned"',
    );
    await q.query('DROP TABLE "daily_utilisation_unpartitioned"');

    await q.query(
      'CREATE TABLE "utilisation_rollup" ("month" date NOT NULL, "facility_id" uuid NOT NULL, "modality" character varying(16) NOT NULL, "devices" integer NOT NULL, "studies" bigint NOT NULL, "images" bigint NOT NULL, "active_days" integer NOT NULL, CONSTRAINT "PK_utilisation_rollup" PRIMARY KEY ("month", "facility_id", "modality"))',
    );
    await q.query(
      'ALTER TABLE "utilisation_rollup" ADD CONSTRAINT "FK_utilisation_rollup_facility" FOREIGN KEY ("facility_id") REFERENCES "facilities"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await q.query(`
      CREATE FUNCTION refresh_utilisation_rollup(p_facility uuid[], p_modality varchar[], p_month date[]) RETURNS void
      LANGUAGE sql AS $$
        DELETE FROM utilisation_rollup r USING unnest(p_facility, p_modality, p_month) AS k(f, m, mo)
         WHERE r.facility_id = k.f AND r.modality = k.m AND r.month = k.mo;
        INSERT INTO utilisation_rollup (month, facility_id, modality, devices, studies, images, active_days)
        SELECT mu.month, d.facility_id, d.modality, count(*), sum(mu.studies), sum(mu.images), sum(mu.active_days)
          FROM (SELECT DISTINCT f, m, mo FROM unnest(p_facility, p_modality, p_month) AS u(f, m, mo)) k
          JOIN devices d ON d.facility_id = k.f AND d.modality = k.m
          JOIN monthly_utilisation mu ON mu.device_id = d.id AND mu.month = k.mo
         GROUP BY mu.month, d.facility_id, d.modality;
      $$`);
    await q.query(`
      CREATE FUNCTION utilisation_rollup_device_moved() RETURNS trigger
      LANGUAGE plpgsql AS $$
      DECLARE months date[];
      BEGIN
        IF TG_OP = 'DELETE' THEN
          SELECT array_agg(month) INTO months FROM utilisation_rollup
           WHERE facility_id = OLD.facility_id AND modality = OLD.modality;
          IF months IS NOT NULL THEN
            PERFORM refresh_utilisation_rollup(
              array_fill(OLD.facility_id, ARRAY[cardinality(months)]),
              array_fill(OLD.modality, ARRAY[cardinality(months)]), months);
          END IF;
          RETURN NULL;
        END IF;
        SELECT array_agg(month) INTO months FROM monthly_utilisation WHERE device_id = NEW.id;
        IF months IS NOT NULL THEN
          PERFORM refresh_utilisation_rollup(
            array_fill(OLD.facility_id, ARRAY[cardinality(months)]) || array_fill(NEW.facility_id, ARRAY[cardinality(months)]),
            array_fill(OLD.modality, ARRAY[cardinality(months)]) || array_fill(NEW.modality, ARRAY[cardinality(months)]),
            months || months);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER "TRG_devices_utilisation_rollup" AFTER UPDATE OF facility_id, modality ON devices
      FOR EACH ROW WHEN (OLD.facility_id IS DISTINCT FROM NEW.facility_id OR OLD.modality IS DISTINCT FROM NEW.modality)
      EXECUTE FUNCTION utilisation_rollup_device_moved()`);
    await q.query(`
      CREATE TRIGGER "TRG_devices_utilisation_rollup_deleted" AFTER DELETE ON devices
      FOR EACH ROW EXECUTE FUNCTION utilisation_rollup_device_moved()`);
    await q.query(`
      INSERT INTO utilisation_rollup (month, facility_id, modality, devices, studies, images, active_days)
      SELECT mu.month, d.facility_id, d.modality, count(*), sum(mu.studies), sum(mu.images), sum(mu.active_days)
        FROM monthly_utilisation mu JOIN devices d ON d.id = mu.device_id
       GROUP BY mu.month, d.facility_id, d.modality`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER "TRG_devices_utilisation_rollup_deleted" ON devices');
    await q.query('DROP TRIGGER "TRG_devices_utilisation_rollup" ON devices');
    await q.query('DROP FUNCTION utilisation_rollup_device_moved()');
    await q.query('DROP FUNCTION refresh_utilisation_rollup(uuid[], varchar[], date[])');
    await q.query('DROP TABLE "utilisation_rollup"');
    await q.query(
      'CREATE TABLE "daily_utilisation_unpartitioned" ("device_id" uuid NOT NULL, "day" date NOT NULL, "source" character varying(8) NOT NULL, "studies" integer NOT NULL, "images" integer NOT NULL, "monthly" boolean NOT NULL DEFAULT false, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now())',
    );
    await q.query(
      'INSERT INTO "daily_utilisation_unpartitioned" SELECT * FROM "daily_utilisation"',
    );
    await q.query('DROP TABLE "daily_utilisation"');
    await q.query('DROP FUNCTION ensure_daily_utilisation_partitions(date, date)');
    await q.query('ALTER TABLE "daily_utilisation_unpartitioned" RENAME TO "daily_utilisation"');
    await q.query(
      'ALTER TABLE "daily_utilisation" ADD CONSTRAINT "CHK_daily_utilisation_counts" CHECK ("studies" >= 0 AND "images" >= 0)',
    );
    await q.query(
      'ALTER TABLE "daily_utilisation" ADD CONSTRAINT "CHK_daily_utilisation_source" CHECK ("source" IN (\'ARCHIVE\', \'MANUAL\', \'IMPORT\'))',
    );
    await q.query(
      'ALTER TABLE "daily_utilisation" ADD CONSTRAINT "PK_b50c41cf1d1dda22166e0a606cf" PRIMARY KEY ("device_id", "day", "source")',
    );
    await q.query('CREATE INDEX "IDX_daily_utilisation_day" ON "daily_utilisation"  ("day") ');
    await q.query(
      'ALTER TABLE "daily_utilisation" ADD CONSTRAINT "FK_daily_utilisation_device" FOREIGN KEY ("device_id") REFERENCES "devices"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }
}
