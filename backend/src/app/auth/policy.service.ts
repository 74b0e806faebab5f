import { Injectable } from '@nestjs/common';
import { FACILITY_SCOPED_PERMISSIONS, Permission, Role, roleHas } from '@radfleet/shared';
import type { AuthUser } from './auth-user.js';
import { AuthErrorCode, AuthException } from './auth.exception.js';

/**
 * The one place that decides what a user may do: the role table from @radfleet/shared, plus the
 * facility scope of a facility manager. Controllers declare a permission; services ask for scope.
 */
@Injectable()
export class PolicyService {
  has(user: Pick<AuthUser, 'role'>, permission: Permission): boolean {
    return roleHas(user.role, permission);
  }

  assertHas(user: Pick<AuthUser, 'role'>, permission: Permission): void {
    if (!this.has(user, permission)) {
      throw new AuthException(
        AuthErrorCode.FORBIDDEN,
        `The ${user.role} role may not do this (${permission}).`,
      );
    }
  }

  /** Facilities the user may write to under this permission; `null` means every facility. */
  writableFacilities(user: AuthUser, permission: Permission): string[] | null {
    this.assertHas(user, permission);
    if (user.role === Role.FACILITY_MANAGER && FACILITY_SCOPED_PERMISSIONS.includes(permission)) {
      return user.facilityIds;
    }
    return null;
  }

  /** Throws 403 unless the user may write to every one of these facilities under this permission. */
  assertCanWriteFacilities(
    user: AuthUser,
    permission: Permission,
    facilityIds: Iterable<string>,
  ): void {
    const scope = this.writableFacilities(user, permission);
    if (scope === null) return;
    for (const id of facilityIds) {
      if (!scope.includes(id)) {
        throw new AuthException(
          AuthErrorCode.OUTSIDE_FACILITY_SCOPE,
          'You may change records only of the facilities assigned to you.',
          { facilityId: id },
        );
      }
    }
  }
}
