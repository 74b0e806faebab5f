import type { ServiceEventType } from '../service-events/service-event.js';

/** One of the user's facilities, as the facility manager's home names it. */
export interface HomeFacility {
  id: string;
  code: string;
  shortName: string;
}

export interface HomeServiceEvent {
  id: string;
  deviceId: string;
  inventoryNumber: string;
  type: ServiceEventType;
  reportedAt: string;
}

export interface HomeDeviceRef {
  deviceId: string;
  inventoryNumber: string;
}

/** A change to one of the user's records made by someone else (from the audit trail). */
export interface HomeChange {
  at: string;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string;
  /** The changed fields' names. */
  fields: string[];
}

/**
 * What needs a facility manager's hands today, over their facilities (city-wide for other roles).
 * Each figure is the total of the list its tile drills down to.
 */
export interface FacilityManagerHomeResponse {
  facilities: HomeFacility[];
  /** Devices past their end of life (`GET /api/devices?overdue=true&facilityId=…`). */
  pastLife: number;
  /** Devices under repair (`GET /api/devices?status=UNDER_REPAIR&facilityId=…`). */
  underRepair: number;
  /** Open silent-device alerts (`GET /api/alerts?type=SILENT_DEVICE&status=OPEN`). */
  silent: number;
  /** Devices with a breakdown during this month so far. */
  unplannedDowntime: { total: number; devices: HomeDeviceRef[] };
  /** Open alerts (`GET /api/alerts?status=OPEN`), as the badge counts them. */
  openAlerts: number;
  /** Service events not yet resolved, oldest first (at most 5 listed). */
  awaitingResolution: { total: number; items: HomeServiceEvent[] };
  /** The last changes by other users to these facilities, their devices and service events. */
  recentChanges: HomeChange[];
}

export interface HomeMilestone {
  contractId: string;
  number: string;
  sequence: number;
  dueDate: string;
  amount: string;
  description: string | null;
}

/** Payment milestones not yet paid and due within 30 days (overdue ones included), by due date. */
export interface ProcurementHomeResponse {
  milestonesDue: { total: number; amount: string; items: HomeMilestone[] };
}
