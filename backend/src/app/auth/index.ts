// The auth domain's public face: the only file other domains import (see CONTRIBUTING.md).
export type { AuthUser } from './auth-user.js';
export { CurrentUser } from './current-user.decorator.js';
export { RequirePermission } from './require-permission.decorator.js';
export { PolicyService } from './policy.service.js';
