// The dashboard domain's public face: the only file other domains import (see CONTRIBUTING.md).
export { DashboardModule } from './dashboard.module.js';
export { DashboardService, lastPeriods, type DashboardFilter } from './dashboard.service.js';
