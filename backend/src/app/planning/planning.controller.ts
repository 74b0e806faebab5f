import { Body, Controller, Get, Param, ParseUUIDPipe, Put, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  AgeProfileHistoryQuery,
  AgeProfileQuery,
  DemandQuery,
  Permission,
  PriorityExportQuery,
  PriorityListQuery,
  PutLifeBandsDto,
  PutPricesDto,
  PutWeightsDto,
  RelocationQuery,
  type AgeProfileHistoryResponse,
  type AgeProfileResponse,
  type DemandResponse,
  type LifeBandsResponse,
  type Paged,
  type PricesResponse,
  type PriorityItem,
  type RelocationSuggestion,
  type WeightsResponse,
} from '@radfleet/shared';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { cityToday } from '../common/calendar.js';
import { ApiOkOf, ApiPagedOf, ApiProblems, ApiQueryOf } from '../common/openapi/openapi.js';
import { sendXlsx, XLSX_CONTENT, XLSX_MIME } from '../common/upload.js';
import { AgeProfileService } from './age-profile.service.js';
import { DemandService } from './demand.service.js';
import { PlanningReferenceService } from './planning-reference.service.js';
import { PrioritiesExportService } from './priorities-export.service.js';
import { PrioritiesService } from './priorities.service.js';

@ApiTags('planning')
@Controller('planning')
export class PlanningController {
  constructor(
    private readonly priorities: PrioritiesService,
    private readonly exporter: PrioritiesExportService,
    private readonly ageProfiles: AgeProfileService,
    private readonly reference: PlanningReferenceService,
    private readonly demands: DemandService,
  ) {}

  @Get('demand')
  @RequirePermission(Permission.READ)
  @ApiOperation({
    summary:
      'Monthly studies per modality forecast 1–10 years with a 95 % interval and a 12-month backtest (MAPE), against capacity; the gap in devices a year',
  })
  @ApiQueryOf(DemandQuery)
  @ApiOkOf('DemandResponse')
  @ApiProblems(400)
  demand(@Query() q: DemandQuery): Promise<DemandResponse> {
    return this.demands.demand(q);
  }

  @Get('priorities')
  @RequirePermission(Permission.READ)
  @ApiOperation({
    summary:
      'The replacement priority of every installed device: score 0–100 with its eight factors, band, recommendation, adjusted life, end of life, price. Default sort -score.',
  })
  @ApiQueryOf(PriorityListQuery)
  @ApiPagedOf('PriorityItem')
  @ApiProblems(400)
  list(@CurrentUser() user: AuthUser, @Query() q: PriorityListQuery): Promise<Paged<PriorityItem>> {
    return this.priorities.list(user, q);
  }

  @Get('priorities/export.xlsx')
  @RequirePermission(Permission.READ)
  @ApiOperation({
    summary: 'The priorities with the list filters as an xlsx workbook, with the factor columns',
  })
  @ApiQueryOf(PriorityExportQuery)
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ description: 'The workbook', content: XLSX_CONTENT })
  @ApiProblems(400)
  async export(
    @CurrentUser() user: AuthUser,
    @Query() q: PriorityExportQuery,
    @Res() res: Response,
  ): Promise<void> {
    const lang = q.lang ?? 'ru';
    sendXlsx(res, `radfleet-${lang === 'ru' ? 'prioritety' : 'priorities'}-${cityToday()}.xlsx`);
    await this.exporter.export(user, q, lang, res);
  }

  @Get('priorities/devices/:deviceId')
  @RequirePermission(Permission.READ)
  @ApiOperation({
    summary:
      "One installed device's replacement priority (the device page's Replacement card): score, factors, band, adjusted life and why, end of life, price",
  })
  @ApiOkOf('PriorityItem')
  @ApiProblems(400, 404)
  one(
    @CurrentUser() user: AuthUser,
    @Param('deviceId', new ParseUUIDPipe()) deviceId: string,
  ): Promise<PriorityItem> {
    return this.priorities.one(user, deviceId);
  }

  @Get('age-profile')
  @RequirePermission(Permission.READ)
  @ApiOperation({
    summary:
      "The installed base's shares of 0–5, 6–10 and >10 years on a date, against COCIR's golden rules",
  })
  @ApiQueryOf(AgeProfileQuery)
  @ApiOkOf('AgeProfileResponse')
  @ApiProblems(400)
  ageProfile(@Query() q: AgeProfileQuery): Promise<AgeProfileResponse> {
    return this.ageProfiles.profile(q.groupBy, q.date);
  }

  @Get('age-profile/history')
  @RequirePermission(Permission.READ)
  @ApiOperation({
    summary: 'The age profile on 1 January of every year since the oldest device, and today',
  })
  @ApiQueryOf(AgeProfileHistoryQuery)
  @ApiOkOf('AgeProfileHistoryResponse')
  @ApiProblems(400)
  ageProfileHistory(@Query() q: AgeProfileHistoryQuery): Promise<AgeProfileHistoryResponse> {
    return this.ageProfiles.history(q.groupBy);
  }

  @Get('relocations')
  @RequirePermission(Permission.READ)
  @ApiOperation({
    summary:
      'Pairs of an underused device and an overloaded facility of the same modality in the same district, to consider before buying',
  })
  @ApiQueryOf(RelocationQuery)
  @ApiOkResponse({
    schema: { type: 'array', items: { $ref: '#/components/schemas/RelocationSuggestion' } },
  })
  @ApiProblems(400)
  relocations(
    @CurrentUser() user: AuthUser,
    @Query() q: RelocationQuery,
  ): Promise<RelocationSuggestion[]> {
    return this.priorities.relocations(user, q);
  }

  @Get('life-bands')
  @RequirePermission(Permission.READ)
  @ApiOperation({ summary: 'Service life by yearly studies, per modality, with sources' })
  @ApiOkOf('LifeBandsResponse')
  @ApiProblems()
  lifeBands(): Promise<LifeBandsResponse> {
    return this.reference.lifeBands();
  }

  @Put('life-bands')
  @RequirePermission(Permission.REFERENCE_WRITE)
  @ApiOperation({ summary: 'Replace the life bands (ADMIN); a stale version answers 409' })
  @ApiOkOf('LifeBandsResponse')
  @ApiProblems(400, 409)
  putLifeBands(
    @CurrentUser() user: AuthUser,
    @Body() dto: PutLifeBandsDto,
  ): Promise<LifeBandsResponse> {
    return this.reference.putLifeBands(user, dto);
  }

  @Get('prices')
  @RequirePermission(Permission.READ)
  @ApiOperation({
    summary:
      "Replacement prices, the escalation %, and each modality's price today (catalogue, else the fleet's median)",
  })
  @ApiOkOf('PricesResponse')
  @ApiProblems()
  prices(): Promise<PricesResponse> {
    return this.reference.prices();
  }

  @Put('prices')
  @RequirePermission(Permission.PLAN_WRITE)
  @ApiOperation({
    summary:
      'Replace the price catalogue and escalation % (ADMIN, PROCUREMENT); a stale version answers 409',
  })
  @ApiOkOf('PricesResponse')
  @ApiProblems(400, 409)
  putPrices(@CurrentUser() user: AuthUser, @Body() dto: PutPricesDto): Promise<PricesResponse> {
    return this.reference.putPrices(user, dto);
  }

  @Get('weights')
  @RequirePermission(Permission.READ)
  @ApiOperation({ summary: 'The default weight set of the priority score' })
  @ApiOkOf('WeightsResponse')
  @ApiProblems()
  weights(): Promise<WeightsResponse> {
    return this.reference.weights();
  }

  @Put('weights')
  @RequirePermission(Permission.REFERENCE_WRITE)
  @ApiOperation({ summary: 'Change the default weights (ADMIN); a stale version answers 409' })
  @ApiOkOf('WeightsResponse')
  @ApiProblems(400, 409)
  putWeights(@CurrentUser() user: AuthUser, @Body() dto: PutWeightsDto): Promise<WeightsResponse> {
    return this.reference.putWeights(user, dto);
  }
}
