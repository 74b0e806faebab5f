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
  'GET /api/facilities/{id}': ALL,
  'PATCH /api/facilities/{id}': ADMIN_PROCUREMENT,

  'GET /api/alerts': ALL,
  'GET /api/alerts/counts': ALL,

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
};
