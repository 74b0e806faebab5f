import { Module } from '@nestjs/common';
import { FacilitiesModule } from '../facilities/facilities.module.js';
import { DevicesController } from './devices.controller.js';
import { DevicesExportService } from './devices-export.service.js';
import { DevicesImportService } from './devices-import.service.js';
import { DevicesService } from './devices.service.js';

@Module({
  imports: [FacilitiesModule],
  controllers: [DevicesController],
  providers: [DevicesService, DevicesImportService, DevicesExportService],
  exports: [DevicesService],
})
export class DevicesModule {}
