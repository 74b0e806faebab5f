import { Role } from '@radfleet/shared';

/** What a role may do on a route: `allow`, `deny` (403), or `own` (only inside the facilities assigned to it). */
export type Access = 'allow' | 'deny' | 'own';
export type RoleAccess = Record<Role, Access>;

const ALL: RoleAccess = {
  ADMIN: 'allow',
  PROCUREMENT: 'allow',
  FACILITY_MANAGER: 'allow',
  EXECUTIVE: 'allow',
};
const ADMIN_ONLY: RoleAccess = {
  ADMIN: 'allow',
  PROCUREMENT: 'deny',
  FACILITY_MANAGER: 'deny',
  EXECUTIVE: 'deny',
};
const SCOPED: RoleAccess = {
  ADMIN: 'allow',
  PROCUREMENT: 'allow',
  FACILITY_MANAGER: 'own',
  EXECUTIVE: 'deny',
};
const ADMIN_PROCUREMENT: RoleAccess = {
  ADMIN: 'allow',
  PROCUREMENT: 'allow',
  FACILITY_MANAGER: 'deny',
  EXECUTIVE: 'deny',
};

/** Routes that need no sign-in. */
export const PUBLIC_ROUTES = new Set([
  'GET /api/health',
  'POST /api/auth/login',
  'POST /api/auth/refresh',
]);

/** Routes every signed-in user may use about themselves, EXECUTIVE included. */
export const SELF_ROUTES = new Set([
  'GET /api/auth/me',
  'POST /api/auth/logout',
  'POST /api/auth/password',
  'POST /api/reports/packs',
]);

/**
 * The expected access of every non-public route, by role. A route in the OpenAPI document that is
 * missing here fails the matrix test: a new route must state its policy.
 */
export const ROUTE_POLICIES: Record<string, RoleAccess> = {
  'GET /api/auth/me': ALL,
  'POST /api/auth/logout': ALL,
  'POST /api/auth/password': ALL,

  'GET /api/audit': ADMIN_ONLY,

  'GET /api/users': ADMIN_ONLY,
  'POST /api/users': ADMIN_ONLY,
  'GET /api/users/{id}': ADMIN_ONLY,
  'PATCH /api/users/{id}': ADMIN_ONLY,

  'GET /api/facilities': ALL,
  'POST /api/facilities': ADMIN_PROCUREMENT,
  'GET /api/facilities/totals': ALL,
  'GET /api/facilities/{id}': ALL,
  'PATCH /api/facilities/{id}': ADMIN_PROCUREMENT,

  'GET /api/alerts': ALL,
  'GET /api/alerts/counts': ALL,
  'GET /api/home/facility-manager': ALL,
  'GET /api/home/procurement': ALL,
  'GET /api/alerts/{id}': ALL,
  'GET /api/alerts/{id}/assignees': ALL,
  // A facility manager triages their facilities' alerts; others' are not found (404), not refused.
  'PATCH /api/alerts/{id}': {
    ADMIN: 'allow',
    PROCUREMENT: 'allow',
    FACILITY_MANAGER: 'allow',
    EXECUTIVE: 'deny',
  },

  'GET /api/modalities': ALL,
  'PATCH /api/modalities/{code}': ADMIN_ONLY,

  'GET /api/devices': ALL,
  'POST /api/devices': SCOPED,
  'GET /api/devices/{id}': ALL,
  'PATCH /api/devices/{id}': SCOPED,
  'GET /api/devices/{id}/history': ALL,
  'GET /api/devices/export.xlsx': ALL,
  'GET /api/devices/import/template.xlsx': ALL,
  // Facility managers may import; rows outside their facilities come back as errors (tested apart).
  'POST /api/devices/import': {
    ADMIN: 'allow',
    PROCUREMENT: 'allow',
    FACILITY_MANAGER: 'allow',
    EXECUTIVE: 'deny',
  },

  // Anyone signed in may ask; only the results of the user's own imports exist for them (else 404).
  'GET /api/imports/results/{id}.xlsx': ALL,

  'GET /api/utilisation/devices/{id}': ALL,
  'GET /api/utilisation/summary': ALL,
  'GET /api/utilisation/ranking': ALL,
  'GET /api/utilisation/import/template.xlsx': ALL,
  // Facility managers pass authorisation; a device outside their facilities answers 403 (tested in
  // utilisation.integration-spec.ts, since the matrix's empty probe body fails validation first).
  'POST /api/utilisation/counts': {
    ADMIN: 'allow',
    PROCUREMENT: 'allow',
    FACILITY_MANAGER: 'allow',
    EXECUTIVE: 'deny',
  },

  // As the device import: rows outside a manager's facilities come back as errors (tested apart).
  'POST /api/utilisation/import': {
    ADMIN: 'allow',
    PROCUREMENT: 'allow',
    FACILITY_MANAGER: 'allow',
    EXECUTIVE: 'deny',
  },

  'GET /api/archives': ADMIN_ONLY,
  'POST /api/archives': ADMIN_ONLY,
  'GET /api/archives/{id}': ADMIN_ONLY,
  'PATCH /api/archives/{id}': ADMIN_ONLY,
  'DELETE /api/archives/{id}': ADMIN_ONLY,
  'POST /api/archives/{id}/test': ADMIN_ONLY,
  'POST /api/archives/{id}/sync': ADMIN_ONLY,
  'GET /api/archives/{id}/runs': ADMIN_ONLY,
  'GET /api/archives/discovered': ADMIN_ONLY,
  'POST /api/archives/discovered/{id}/link': ADMIN_ONLY,
  'POST /api/archives/discovered/{id}/device': ADMIN_ONLY,
  'GET /api/archives/mappings': ADMIN_ONLY,
  'POST /api/archives/mappings': ADMIN_ONLY,
  'DELETE /api/archives/mappings/{id}': ADMIN_ONLY,

  'GET /api/suppliers': ALL,
  'POST /api/suppliers': ADMIN_PROCUREMENT,
  'GET /api/suppliers/{id}': ALL,
  'PATCH /api/suppliers/{id}': ADMIN_PROCUREMENT,

  'GET /api/contracts': ALL,
  'POST /api/contracts': ADMIN_PROCUREMENT,
  'GET /api/contracts/export.xlsx': ALL,
  'GET /api/contracts/{id}': ALL,
  'PATCH /api/contracts/{id}': ADMIN_PROCUREMENT,
  'POST /api/contracts/{id}/terminate': ADMIN_PROCUREMENT,
  'GET /api/contracts/{id}/sla': ALL,

  'GET /api/service-events': ALL,
  'POST /api/service-events': SCOPED,
  'GET /api/service-events/{id}': ALL,
  // Facility managers pass authorisation; an event of a device outside their facilities answers
  // 403 (tested in service-events.integration-spec.ts: the matrix probes a made-up event id).
  'PATCH /api/service-events/{id}': {
    ADMIN: 'allow',
    PROCUREMENT: 'allow',
    FACILITY_MANAGER: 'allow',
    EXECUTIVE: 'deny',
  },
  'GET /api/devices/{id}/availability': ALL,
  'GET /api/devices/{id}/cost': ALL,

  // Facility managers read their own facilities' priorities and the city-wide aggregates.
  'GET /api/planning/priorities': ALL,
  'GET /api/planning/priorities/export.xlsx': ALL,
  'GET /api/planning/priorities/devices/{deviceId}': ALL,
  'GET /api/planning/age-profile': ALL,
  'GET /api/dashboard/executive': ALL,
  'GET /api/reports/executive-pack.xlsx': ALL,
  'GET /api/reports/packs': ALL,
  'POST /api/reports/packs': ALL,
  'GET /api/reports/schedule': ALL,
  'GET /api/reports/packs/{id}': ALL,
  'GET /api/reports/packs/{id}/download': ALL,
  'GET /api/planning/age-profile/history': ALL,
  'GET /api/planning/relocations': ALL,
  'GET /api/planning/demand': ALL,
  'GET /api/planning/life-bands': ALL,
  'PUT /api/planning/life-bands': ADMIN_ONLY,
  'GET /api/planning/prices': ALL,
  'PUT /api/planning/prices': ADMIN_PROCUREMENT,
  'GET /api/planning/weights': ALL,
  'PUT /api/planning/weights': ADMIN_ONLY,

  // Replacement scenarios: PROCUREMENT and ADMIN write and run, EXECUTIVE and ADMIN approve, all read
  // (facility managers see their own facilities' plan rows).
  'GET /api/planning/scenarios': ALL,
  'POST /api/planning/scenarios': ADMIN_PROCUREMENT,
  'GET /api/planning/compare': ALL,
  'GET /api/planning/scenarios/{id}': ALL,
  'PATCH /api/planning/scenarios/{id}': ADMIN_PROCUREMENT,
  'POST /api/planning/scenarios/{id}/run': ADMIN_PROCUREMENT,
  'GET /api/planning/scenarios/{id}/runs/{runId}': ALL,
  'GET /api/planning/scenarios/{id}/plan': ALL,
  'GET /api/planning/scenarios/{id}/plan.xlsx': ALL,
  'POST /api/planning/scenarios/{id}/approve': {
    ADMIN: 'allow',
    PROCUREMENT: 'deny',
    FACILITY_MANAGER: 'deny',
    EXECUTIVE: 'allow',
  },
  'POST /api/planning/scenarios/{id}/copy': ADMIN_PROCUREMENT,
};

/** The one write an executive makes besides their own account: approving a replacement plan. */
export const EXECUTIVE_WRITES = new Set(['POST /api/planning/scenarios/{id}/approve']);
