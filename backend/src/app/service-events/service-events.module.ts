import { Module } from '@nestjs/common';
import { DevicesModule } from '../devices/devices.module.js';
import { DeviceFiguresController } from './device-figures.controller.js';
import { DeviceFiguresService } from './device-figures.service.js';
import { ServiceEventsController } from './service-events.controller.js';
import { ServiceEventsService } from './service-events.service.js';

@Module({
  imports: [DevicesModule],
  controllers: [ServiceEventsController, DeviceFiguresController],
  providers: [ServiceEventsService, DeviceFiguresService],
  exports: [ServiceEventsService],
})
export class ServiceEventsModule {}
