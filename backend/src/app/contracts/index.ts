// The contracts domain's public face: the only file other domains import (see CONTRIBUTING.md).
export { ContractsModule } from './contracts.module.js';
export { ContractsSlaService } from './contracts-sla.service.js';
export { STATUS_SQL } from './contracts.query.js';
