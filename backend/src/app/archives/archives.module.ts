import { Module } from '@nestjs/common';
import { DevicesModule } from '../devices/devices.module.js';
import { FacilitiesModule } from '../facilities/facilities.module.js';
import { UtilisationModule } from '../utilisation/utilisation.module.js';
import { ArchiveSchedulerService } from './archive-scheduler.service.js';
import { ArchiveSyncService } from './archive-sync.service.js';
import { ArchiveDiscoveryController, ArchivesController } from './archives.controller.js';
import { ArchivesService } from './archives.service.js';
import { DiscoveredDevicesService } from './discovered-devices.service.js';

@Module({
  imports: [UtilisationModule, DevicesModule, FacilitiesModule],
  // The discovery routes first, so that /archives/discovered is not taken for /archives/:id.
  controllers: [ArchiveDiscoveryController, ArchivesController],
  providers: [
    ArchivesService,
    ArchiveSyncService,
    DiscoveredDevicesService,
    ArchiveSchedulerService,
  ],
  exports: [ArchivesService, ArchiveSyncService],
})
export class ArchivesModule {}
