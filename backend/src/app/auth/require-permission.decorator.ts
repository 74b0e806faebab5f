import { SetMetadata } from '@nestjs/common';
import type { Permission } from '@radfleet/shared';

export const REQUIRED_PERMISSION = 'radfleet:permission';

/** The permission a route needs. A non-public route without one is refused for everybody. */
export const RequirePermission = (permission: Permission): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_PERMISSION, permission);
