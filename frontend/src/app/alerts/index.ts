// The alerts domain's public face: the only file other domains import (see CONTRIBUTING.md).
export { AlertsApi } from './alerts.api';
