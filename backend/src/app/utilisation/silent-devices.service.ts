import { Injectable } from '@nestjs/common';
import { AlertSeverity, AlertType } from '@radfleet/shared';
import { DataSource } from 'typeorm';
import { AlertsService, type ActiveCondition } from '../alerts/alerts.service.js';
import { AppConfig } from '../config/app.config.js';
import { cityToday } from '../common/calendar.js';

/**
 * The silent-device check: a digital, archive-connected, in-service device that has sent studies
 * to the archive before, but none on the last N working days (Monday to Friday before today) nor
 * since, raises SILENT_DEVICE; the alert resolves itself at the first check after studies return.
 * Devices commissioned inside the window are left alone.
 */
@Injectable()
export class SilentDevicesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly alerts: AlertsService,
    private readonly config: AppConfig,
  ) {}

  async check(
    today = cityToday(),
    days = this.config.SILENT_DEVICE_DAYS,
  ): Promise<{ silent: number; raised: number; resolved: number }> {
    return this.dataSource.transaction(async (em) => {
      const rows: {
        id: string;
        facility_id: string;
        inventory_number: string;
        window_start: string;
        last_day: string | null;
      }[] = await em.query(
        `WITH wd AS (
           SELECT d::date AS day
             FROM generate_series($1::date - 1, $1::date - 7 * (1 + $2::int / 5) - 7, interval '-1 day') d
            WHERE extract(isodow FROM d) < 6
            ORDER BY d DESC LIMIT $2),
         w AS (SELECT min(day) AS start FROM wd)
         SELECT d.id, d.facility_id, d.inventory_number, w.start AS window_start,
                (SELECT max(x.day) FROM daily_utilisation x
                  WHERE x.device_id = d.id AND x.source = 'ARCHIVE' AND x.studies > 0) AS last_day
           FROM devices d, w
          WHERE d.technology = 'DIGITAL' AND d.archive_connected AND d.status = 'IN_SERVICE'
            AND (d.commissioning_date IS NULL OR d.commissioning_date < w.start)
            AND EXISTS (SELECT 1 FROM daily_utilisation x
                         WHERE x.device_id = d.id AND x.source = 'ARCHIVE' AND x.day < w.start AND x.studies > 0)
            AND NOT EXISTS (SELECT 1 FROM daily_utilisation x
                             WHERE x.device_id = d.id AND x.day >= w.start AND x.studies > 0)`,
        [today, days],
      );
      const active: ActiveCondition[] = rows.map((r) => ({
        key: `SILENT_DEVICE:${r.id}`,
        severity: AlertSeverity.WARNING,
        message: `Device ${r.inventory_number} has sent no studies to the archive for ${days} working days (last study day: ${r.last_day ?? 'none'}).`,
        params: {
          inventoryNumber: r.inventory_number,
          workingDays: days,
          lastStudyDay: r.last_day,
        },
        deviceId: r.id,
        facilityId: r.facility_id,
      }));
      const { raised, resolved } = await this.alerts.reconcile(AlertType.SILENT_DEVICE, active, em);
      return { silent: active.length, raised, resolved };
    });
  }
}
