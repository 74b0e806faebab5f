import { Module } from '@nestjs/common';
import { DashboardModule } from '../dashboard/index.js';
import { ExecutivePackService } from './executive-pack.service.js';
import { ReportPacksService } from './report-packs.service.js';
import { ReportsController } from './reports.controller.js';

@Module({
  imports: [DashboardModule],
  controllers: [ReportsController],
  providers: [ExecutivePackService, ReportPacksService],
  exports: [ReportPacksService],
})
export class ReportsModule {}
