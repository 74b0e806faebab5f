import type { Permission, Role } from '../auth/role.js';

export interface UserResponse {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Facilities a facility manager may write to; empty for other roles. */
  facilityIds: string[];
  active: boolean;
  /** What this user may do, from the role table. */
  permissions: Permission[];
  createdAt: string;
  updatedAt: string;
  version: number;
}
