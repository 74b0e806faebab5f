import { Module } from '@nestjs/common';
import { FacilitiesModule } from '../facilities/facilities.module.js';
import { UsersController } from './users.controller.js';
import { FirstAdminService } from './first-admin.service.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [FacilitiesModule],
  controllers: [UsersController],
  providers: [UsersService, FirstAdminService],
  exports: [UsersService],
})
export class UsersModule {}
