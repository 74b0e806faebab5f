// The planning domain's public face: the only file other domains import (see CONTRIBUTING.md).
export { PlanningModule } from './planning.module.js';
export { DemandService } from './demand.service.js';
export { PlanningReferenceService } from './planning-reference.service.js';
export { PrioritiesService, type ScoredDevice } from './priorities.service.js';
export { cocirRow } from './planning-rules.js';
