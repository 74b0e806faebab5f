import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  ContractExportQuery,
  ContractListQuery,
  CreateContractDto,
  PeriodQuery,
  Permission,
  TerminateContractDto,
  UpdateContractDto,
  type ContractDetailResponse,
  type ContractResponse,
  type ContractSlaResponse,
  type Paged,
} from '@radfleet/shared';
import type { Response } from 'express';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import {
  ApiCreatedOf,
  ApiOkOf,
  ApiPagedOf,
  ApiProblems,
  ApiQueryOf,
} from '../common/openapi/openapi.js';
import { sendXlsx, XLSX_CONTENT, XLSX_MIME } from '../common/upload.js';
import { cityToday } from '../common/calendar.js';
import { ContractsExportService } from './contracts-export.service.js';
import { ContractsSlaService } from './contracts-sla.service.js';
import { ContractsService } from './contracts.service.js';

@ApiTags('contracts')
@Controller('contracts')
export class ContractsController {
  constructor(
    private readonly contracts: ContractsService,
    private readonly sla: ContractsSlaService,
    private readonly exporter: ContractsExportService,
  ) {}

  @Get('export.xlsx')
  @RequirePermission(Permission.READ)
  @ApiOperation({
    summary:
      'The contract register matching the list filters, with value, paid, remaining, status and SLA compliance over the period',
  })
  @ApiQueryOf(ContractExportQuery)
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({
    description: 'The workbook',
    content: XLSX_CONTENT,
  })
  @ApiProblems(400)
  async export(@Query() q: ContractExportQuery, @Res() res: Response): Promise<void> {
    const lang = q.lang ?? 'ru';
    // Validates the period before the first byte goes out.
    const period = this.exporter.period(q);
    sendXlsx(res, `radfleet-${lang === 'ru' ? 'kontrakty' : 'contracts'}-${cityToday()}.xlsx`);
    await this.exporter.export(q, period, lang, res);
  }

  @Get()
  @RequirePermission(Permission.READ)
  @ApiOperation({ summary: 'Contracts, paged and filtered; status is derived from the dates' })
  @ApiQueryOf(ContractListQuery)
  @ApiPagedOf('ContractResponse')
  @ApiProblems(400)
  list(@Query() q: ContractListQuery): Promise<Paged<ContractResponse>> {
    return this.contracts.list(q);
  }

  @Get(':id')
  @RequirePermission(Permission.READ)
  @ApiOperation({ summary: 'A contract with its covered devices and payment milestones' })
  @ApiOkOf('ContractDetailResponse')
  @ApiProblems(404)
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<ContractDetailResponse> {
    return this.contracts.get(id);
  }

  @Get(':id/sla')
  @RequirePermission(Permission.READ)
  @ApiOperation({
    summary:
      'Uptime, response and repair times against the SLA terms over a period (default: the last 365 days), per device and in all',
  })
  @ApiQueryOf(PeriodQuery)
  @ApiOkOf('ContractSlaResponse')
  @ApiProblems(400, 404)
  slaOf(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() q: PeriodQuery,
  ): Promise<ContractSlaResponse> {
    return this.sla.contractSla(id, q.from, q.to);
  }

  @Post()
  @RequirePermission(Permission.CONTRACT_WRITE)
  @ApiOperation({ summary: 'Register a contract with its covered devices and milestones' })
  @ApiCreatedOf('ContractDetailResponse')
  @ApiProblems(400, 409)
  create(@Body() dto: CreateContractDto): Promise<ContractDetailResponse> {
    return this.contracts.create(dto);
  }

  @Patch(':id')
  @RequirePermission(Permission.CONTRACT_WRITE)
  @ApiOperation({
    summary:
      'Edit a contract; devices and milestones, when sent, replace the lists. A stale version answers 409.',
  })
  @ApiOkOf('ContractDetailResponse')
  @ApiProblems(400, 404, 409)
  update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdateContractDto,
  ): Promise<ContractDetailResponse> {
    return this.contracts.update(id, dto);
  }

  @Post(':id/terminate')
  @HttpCode(200)
  @RequirePermission(Permission.CONTRACT_WRITE)
  @ApiOperation({ summary: 'Terminate a contract early, from a date and for a reason' })
  @ApiOkOf('ContractDetailResponse')
  @ApiProblems(400, 404, 409)
  terminate(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: TerminateContractDto,
  ): Promise<ContractDetailResponse> {
    return this.contracts.terminate(id, dto);
  }
}
