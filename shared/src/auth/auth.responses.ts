import type { UserResponse } from '../users/user.responses.js';

export interface LoginResponse {
  /** Send as `Authorization: Bearer <accessToken>`. Short-lived; renewed with POST /api/auth/refresh. */
  accessToken: string;
  /** ISO 8601 time the access token stops working. */
  expiresAt: string;
  user: UserResponse;
}
