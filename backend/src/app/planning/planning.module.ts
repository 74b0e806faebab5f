import { Module } from '@nestjs/common';
import { AgeProfileService } from './age-profile.service.js';
import { DemandService } from './demand.service.js';
import { PlanningController } from './planning.controller.js';
import { PlanningReferenceService } from './planning-reference.service.js';
import { PrioritiesExportService } from './priorities-export.service.js';
import { PrioritiesService } from './priorities.service.js';

@Module({
  controllers: [PlanningController],
  providers: [
    PlanningReferenceService,
    PrioritiesService,
    PrioritiesExportService,
    AgeProfileService,
    DemandService,
  ],
  exports: [PrioritiesService, PlanningReferenceService, DemandService, AgeProfileService],
})
export class PlanningModule {}
