import { Module } from '@nestjs/common';
import { PlanningModule } from '../planning/index.js';
import { ScenarioFleetService } from './scenario-fleet.service.js';
import { ScenariosExportService } from './scenarios-export.service.js';
import { ScenariosController } from './scenarios.controller.js';
import { ScenariosService } from './scenarios.service.js';

@Module({
  imports: [PlanningModule],
  controllers: [ScenariosController],
  providers: [ScenariosService, ScenarioFleetService, ScenariosExportService],
  exports: [ScenariosService],
})
export class ScenariosModule {}
