import type { Role } from '@radfleet/shared';

/** The signed-in user as every request sees it, loaded fresh from the database for each request. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  facilityIds: string[];
  sessionId: string;
}
