import { Module } from '@nestjs/common';
import { SilentDevicesService } from './silent-devices.service.js';
import { UtilisationImportService } from './utilisation-import.service.js';
import { UtilisationController } from './utilisation.controller.js';
import { UtilisationService } from './utilisation.service.js';

@Module({
  controllers: [UtilisationController],
  providers: [UtilisationService, SilentDevicesService, UtilisationImportService],
  exports: [UtilisationService, SilentDevicesService],
})
export class UtilisationModule {}
