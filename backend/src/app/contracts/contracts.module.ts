import { Module } from '@nestjs/common';
import { SuppliersModule } from '../suppliers/suppliers.module.js';
import { ContractChecksService } from './contract-checks.service.js';
import { ContractsExportService } from './contracts-export.service.js';
import { ContractsSlaService } from './contracts-sla.service.js';
import { ContractsController } from './contracts.controller.js';
import { ContractsService } from './contracts.service.js';

@Module({
  imports: [SuppliersModule],
  controllers: [ContractsController],
  providers: [ContractsService, ContractsSlaService, ContractsExportService, ContractChecksService],
  exports: [ContractsService, ContractsSlaService, ContractChecksService],
})
export class ContractsModule {}
