// The audit domain's public face: the only file other domains import (see CONTRIBUTING.md).
export { AuditService } from './audit.service.js';
