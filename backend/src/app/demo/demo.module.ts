import { Module } from '@nestjs/common';
import { ContractsModule } from '../contracts/contracts.module.js';
import { DemoService } from './demo.service.js';

@Module({ imports: [ContractsModule], providers: [DemoService], exports: [DemoService] })
export class DemoModule {}
