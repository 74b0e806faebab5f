import { Injectable } from '@nestjs/common';
import {
  AlertStatus,
  AlertType,
  DeviceStatus,
  Role,
  ServiceEventType,
  type FacilityManagerHomeResponse,
  type ProcurementHomeResponse,
} from '@radfleet/shared';
import { DataSource } from 'typeorm';
import { AlertsService } from '../alerts/index.js';
import type { AuthUser } from '../auth/index.js';
import { cityToday } from '../common/calendar.js';
import { DevicesService } from '../devices/index.js';

/**
 * The role homes' figures that no list answers in one call. Where a list does, the figure is that
 * list's own total (devices, alerts), so that a tile and its drill-down agree.
 */
@Injectable()
export class HomeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly devices: DevicesService,
    private readonly alerts: AlertsService,
  ) {}

  async facilityManager(user: AuthUser): Promise<FacilityManagerHomeResponse> {
    const scoped = user.role === Role.FACILITY_MANAGER;
    const facilityIds = scoped ? user.facilityIds : undefined;
    const today = cityToday();
    const monthStart = `${today.slice(0, 7)}-01`;
    const facilities: FacilityManagerHomeResponse['facilities'] = scoped
      ? await this.dataSource.query(
          `SELECT id, code, short_name AS "shortName" FROM facilities WHERE id = ANY($1::uuid[]) ORDER BY code`,
          [facilityIds],
        )
      : [];
    const scopeIds = facilityIds ?? null;
    const [pastLife, underRepair, silent, open] = await Promise.all([
      this.devices.list({ facilityId: facilityIds, overdue: true, page: 1, pageSize: 1 }),
      this.devices.list({
        facilityId: facilityIds,
        status: [DeviceStatus.UNDER_REPAIR],
        page: 1,
        pageSize: 1,
      }),
      this.alerts.list(user, {
        type: [AlertType.SILENT_DEVICE],
        status: [AlertStatus.OPEN],
        page: 1,
        pageSize: 1,
      }),
      this.alerts.counts(user),
    ]);
    // Breakdowns overlapping this month (city days: every session runs in the city's zone), by device.
    const downtime: { device_id: string; inventory_number: string; total: number }[] =
      await this.dataSource.query(
        `SELECT d.id AS device_id, d.inventory_number, count(*) OVER ()::int AS total
           FROM devices d
          WHERE ($1::uuid[] IS NULL OR d.facility_id = ANY($1::uuid[]))
            AND EXISTS (SELECT 1 FROM service_events e
                         WHERE e.device_id = d.id AND e.type = $2
                           AND coalesce(e.resolved_at, 'infinity') >= $3::date::timestamptz
                           AND e.reported_at < ($4::date + 1)::timestamptz)
          ORDER BY d.inventory_number LIMIT 5`,
        [scopeIds, ServiceEventType.BREAKDOWN, monthStart, today],
      );
    const events: {
      id: string;
      device_id: string;
      inventory_number: string;
      type: ServiceEventType;
      reported_at: Date;
      total: number;
    }[] = await this.dataSource.query(
      `SELECT e.id, e.device_id, d.inventory_number, e.type, e.reported_at, count(*) OVER ()::int AS total
         FROM service_events e JOIN devices d ON d.id = e.device_id
        WHERE e.resolved_at IS NULL AND ($1::uuid[] IS NULL OR d.facility_id = ANY($1::uuid[]))
        ORDER BY e.reported_at, e.id LIMIT 5`,
      [scopeIds],
    );
    // Others' changes to the facilities, their devices and their devices' service events.
    const changes: {
      at: Date;
      actor_email: string | null;
      action: string;
      entity_type: string;
      entity_id: string;
      fields: string[];
    }[] = await this.dataSource.query(
      `SELECT a.at, a.actor_email, a.action, a.entity_type, a.entity_id,
              ARRAY(SELECT c->>'field' FROM jsonb_array_elements(a.changes) c) AS fields
         FROM audit_log a
        WHERE a.actor_id IS DISTINCT FROM $1::uuid
          AND ($2::uuid[] IS NULL AND a.entity_type IN ('facility', 'device', 'service_event')
            OR a.entity_type = 'facility' AND a.entity_id = ANY($2::text[])
            OR a.entity_type = 'device' AND a.entity_id IN
                 (SELECT id::text FROM devices WHERE facility_id = ANY($2::uuid[]))
            OR a.entity_type = 'service_event' AND a.entity_id IN
                 (SELECT e.id::text FROM service_events e JOIN devices d ON d.id = e.device_id
                   WHERE d.facility_id = ANY($2::uuid[])))
        ORDER BY a.seq DESC LIMIT 10`,
      [user.id, scopeIds],
    );
    return {
      facilities,
      pastLife: pastLife.total,
      underRepair: underRepair.total,
      silent: silent.total,
      unplannedDowntime: {
        total: downtime[0]?.total ?? 0,
        devices: downtime.map((d) => ({ deviceId: d.device_id, inventoryNumber: d.inventory_number })),
      },
      openAlerts: open.open,
      awaitingResolution: {
        total: events[0]?.total ?? 0,
        items: events.map((e) => ({
          id: e.id,
          deviceId: e.device_id,
          inventoryNumber: e.inventory_number,
          type: e.type,
          reportedAt: e.reported_at.toISOString(),
        })),
      },
      recentChanges: changes.map((c) => ({
        at: c.at.toISOString(),
        actorEmail: c.actor_email,
        action: c.action,
        entityType: c.entity_type,
        entityId: c.entity_id,
        fields: c.fields,
      })),
    };
  }

  async procurement(): Promise<ProcurementHomeResponse> {
    const today = cityToday();
    const rows: {
      contract_id: string;
      number: string;
      sequence: number;
      due_date: string;
      amount: string;
      description: string | null;
      total: number;
      sum: string;
    }[] = await this.dataSource.query(
      `SELECT m.contract_id, c.number, m.sequence, m.due_date::text AS due_date, m.amount::text AS amount,
              m.description, count(*) OVER ()::int AS total, (sum(m.amount) OVER ())::text AS sum
         FROM payment_milestones m JOIN contracts c ON c.id = m.contract_id
        WHERE m.paid_on IS NULL AND m.due_date <= $1::date + 30
          AND c.signed_on IS NOT NULL AND (c.terminated_on IS NULL OR c.terminated_on > $1::date)
        ORDER BY m.due_date, c.number, m.sequence LIMIT 10`,
      [today],
    );
    return {
      milestonesDue: {
        total: rows[0]?.total ?? 0,
        amount: rows[0]?.sum ?? '0.00',
        items: rows.map((r) => ({
          contractId: r.contract_id,
          number: r.number,
          sequence: r.sequence,
          dueDate: r.due_date,
          amount: r.amount,
          description: r.description,
        })),
      },
    };
  }
}
