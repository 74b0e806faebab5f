// The alerts domain's public face: the only file other domains import (see CONTRIBUTING.md).
export { AlertsService } from './alerts.service.js';
