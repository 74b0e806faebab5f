/** The four roles; a user has exactly one. */
export enum Role {
  ADMIN = 'ADMIN',
  PROCUREMENT = 'PROCUREMENT',
  FACILITY_MANAGER = 'FACILITY_MANAGER',
  EXECUTIVE = 'EXECUTIVE',
}

/**
 * What a route needs. Reads are city-wide for every role; writes are scoped by the policy.
 * The backend guards every route with one of these; the frontend shows only what the role may use.
 */
export enum Permission {
  /** Any signed-in user: read the fleet, manage their own session and password. */
  READ = 'READ',
  SELF = 'SELF',
  FACILITY_WRITE = 'FACILITY_WRITE',
  DEVICE_WRITE = 'DEVICE_WRITE',
  CONTRACT_WRITE = 'CONTRACT_WRITE',
  SERVICE_EVENT_WRITE = 'SERVICE_EVENT_WRITE',
  UTILISATION_WRITE = 'UTILISATION_WRITE',
  ARCHIVE_ADMIN = 'ARCHIVE_ADMIN',
  REFERENCE_WRITE = 'REFERENCE_WRITE',
  PLAN_WRITE = 'PLAN_WRITE',
  /** Approve a replacement plan: EXECUTIVE and ADMIN. */
  PLAN_APPROVE = 'PLAN_APPROVE',
  /** Acknowledge alerts and assign them (facility managers: their facilities' alerts). */
  ALERT_TRIAGE = 'ALERT_TRIAGE',
  USER_ADMIN = 'USER_ADMIN',
  AUDIT_READ = 'AUDIT_READ',
}

/**
 * The single role → permission table. Facility managers' DEVICE_WRITE, SERVICE_EVENT_WRITE and
 * UTILISATION_WRITE hold only inside their assigned facilities (the backend policy checks scope).
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  [Role.ADMIN]: Object.values(Permission),
  [Role.PROCUREMENT]: Object.values(Permission).filter(
    (p) =>
      p !== Permission.USER_ADMIN &&
      p !== Permission.AUDIT_READ &&
      p !== Permission.ARCHIVE_ADMIN &&
      p !== Permission.REFERENCE_WRITE &&
      p !== Permission.PLAN_APPROVE,
  ),
  [Role.FACILITY_MANAGER]: [
    Permission.READ,
    Permission.SELF,
    Permission.DEVICE_WRITE,
    Permission.SERVICE_EVENT_WRITE,
    Permission.UTILISATION_WRITE,
    Permission.ALERT_TRIAGE,
  ],
  [Role.EXECUTIVE]: [Permission.READ, Permission.SELF, Permission.PLAN_APPROVE],
};

/** Permissions that a facility manager holds only for their own facilities. */
export const FACILITY_SCOPED_PERMISSIONS: readonly Permission[] = [
  Permission.DEVICE_WRITE,
  Permission.SERVICE_EVENT_WRITE,
  Permission.UTILISATION_WRITE,
  Permission.ALERT_TRIAGE,
];

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
