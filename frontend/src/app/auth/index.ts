// The auth domain's public face: the only file other domains import (see CONTRIBUTING.md).
export { AuthStore } from './auth.store';
export { authInterceptor } from './auth.interceptor';
export { ChangePasswordDialog } from './change-password.dialog';
