import { Module } from '@nestjs/common';
import { DevicesModule } from '../devices/index.js';
import { HomeController } from './home.controller.js';
import { HomeService } from './home.service.js';

@Module({ imports: [DevicesModule], controllers: [HomeController], providers: [HomeService] })
export class HomeModule {}
