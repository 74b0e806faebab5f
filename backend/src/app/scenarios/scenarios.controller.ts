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
import type { Response } from 'express';
import {
  ApiAcceptedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  CopyScenarioDto,
  CreateScenarioDto,
  Permission,
  PlanExportQuery,
  ScenarioCompareQuery,
  ScenarioListQuery,
  ScenarioVersionDto,
  UpdateScenarioDto,
  type Paged,
  type PlanResponse,
  type ScenarioCompareResponse,
  type ScenarioListItem,
  type ScenarioResponse,
  type ScenarioRunResponse,
} from '@radfleet/shared';
import type { AuthUser } from '../auth/index.js';
import { CurrentUser } from '../auth/index.js';
import { RequirePermission } from '../auth/index.js';
import {
  ApiCreatedOf,
  ApiOkOf,
  ApiPagedOf,
  ApiProblems,
  ApiQueryOf,
  PROBLEM,
} from '../common/openapi/openapi.js';
import { sendXlsx, XLSX_CONTENT, XLSX_MIME } from '../common/upload.js';
import { ScenariosExportService } from './scenarios-export.service.js';
import { ScenariosService } from './scenarios.service.js';

const uuid = new ParseUUIDPipe();

@ApiTags('scenarios')
@Controller('planning')
export class ScenariosController {
  constructor(
    private readonly scenarios: ScenariosService,
    private readonly exporter: ScenariosExportService,
  ) {}

  @Get('scenarios')
  @RequirePermission(Permission.READ)
  @ApiOperation({
    summary: 'Replacement scenarios, with their last run and whether approved and current',
  })
  @ApiQueryOf(ScenarioListQuery)
  @ApiPagedOf('ScenarioListItem')
  @ApiProblems(400)
  list(@Query() q: ScenarioListQuery): Promise<Paged<ScenarioListItem>> {
    return this.scenarios.list(q);
  }

  @Post('scenarios')
  @RequirePermission(Permission.PLAN_WRITE)
  @ApiOperation({ summary: 'Create a draft scenario (ADMIN, PROCUREMENT)' })
  @ApiCreatedOf('ScenarioResponse')
  @ApiProblems(400)
  create(@Body() dto: CreateScenarioDto): Promise<ScenarioResponse> {
    return this.scenarios.create(dto);
  }

  @Get('compare')
  @RequirePermission(Permission.READ)
  @ApiOperation({
    summary:
      '2–4 scenarios side by side: spend, COCIR, analogue left, device-years past life, capacity gap, optimum vs by-score',
  })
  @ApiQueryOf(ScenarioCompareQuery)
  @ApiOkOf('ScenarioCompareResponse')
  @ApiProblems(400, 404)
  compare(@Query() q: ScenarioCompareQuery): Promise<ScenarioCompareResponse> {
    return this.scenarios.compare(q.ids);
  }

  @Get('scenarios/:id')
  @RequirePermission(Permission.READ)
  @ApiOperation({ summary: 'A scenario, its last run and its approval' })
  @ApiOkOf('ScenarioResponse')
  @ApiProblems(404)
  get(@Param('id', uuid) id: string): Promise<ScenarioResponse> {
    return this.scenarios.get(id);
  }

  @Patch('scenarios/:id')
  @RequirePermission(Permission.PLAN_WRITE)
  @ApiOperation({
    summary:
      'Change a draft (ADMIN, PROCUREMENT); a stale version or an approved scenario answers 409',
  })
  @ApiOkOf('ScenarioResponse')
  @ApiProblems(400, 404, 409)
  update(@Param('id', uuid) id: string, @Body() dto: UpdateScenarioDto): Promise<ScenarioResponse> {
    return this.scenarios.update(id, dto);
  }

  @Post('scenarios/:id/run')
  @HttpCode(202)
  @RequirePermission(Permission.PLAN_WRITE)
  @ApiOperation({
    summary:
      'Run the optimiser as a job (ADMIN, PROCUREMENT); poll GET …/runs/{runId} for progress. 409 while a run is active or once approved',
  })
  @ApiAcceptedResponse({ schema: { $ref: '#/components/schemas/ScenarioRunResponse' } })
  @ApiProblems(404, 409)
  run(@Param('id', uuid) id: string): Promise<ScenarioRunResponse> {
    return this.scenarios.startRun(id);
  }

  @Get('scenarios/:id/runs/:runId')
  @RequirePermission(Permission.READ)
  @ApiOperation({ summary: 'A run: status, progress, the solver report and the measures' })
  @ApiOkOf('ScenarioRunResponse')
  @ApiProblems(404)
  getRun(
    @Param('id', uuid) id: string,
    @Param('runId', uuid) runId: string,
  ): Promise<ScenarioRunResponse> {
    return this.scenarios.run(id, runId);
  }

  @Get('scenarios/:id/plan')
  @RequirePermission(Permission.READ)
  @ApiOperation({
    summary:
      'The plan of the last run (the approved one once approved): per-year measures and the device schedule. Facility managers get their facilities’ rows. 422 when the targets cannot be met within the caps',
  })
  @ApiOkOf('PlanResponse')
  @ApiProblems(404, 409)
  @ApiUnprocessableEntityResponse({
    description: 'The targets cannot be met: `failingTarget` and `minimumYearlyBudget`.',
    content: PROBLEM,
  })
  plan(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<PlanResponse> {
    return this.scenarios.plan(user, id);
  }

  @Get('scenarios/:id/plan.xlsx')
  @RequirePermission(Permission.READ)
  @ApiOperation({
    summary:
      'The plan as an xlsx workbook in the chosen language: summary with the solver report, one row a year, the device schedule',
  })
  @ApiQueryOf(PlanExportQuery)
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ description: 'The workbook', content: XLSX_CONTENT })
  @ApiProblems(400, 404, 409)
  @ApiUnprocessableEntityResponse({
    description: 'The targets cannot be met: no plan to export.',
    content: PROBLEM,
  })
  async planXlsx(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Query() q: PlanExportQuery,
    @Res() res: Response,
  ): Promise<void> {
    const plan = await this.scenarios.plan(user, id);
    const lang = q.lang ?? 'ru';
    sendXlsx(
      res,
      `radfleet-${lang === 'ru' ? 'plan-zameny' : 'replacement-plan'}-${plan.scenario.startYear}.xlsx`,
    );
    await this.exporter.export(plan, lang, res);
  }

  @Post('scenarios/:id/approve')
  @HttpCode(200)
  @RequirePermission(Permission.PLAN_APPROVE)
  @ApiOperation({
    summary:
      'Approve the plan (EXECUTIVE, ADMIN): freezes the inputs and the schedule; becomes the current plan of its start year',
  })
  @ApiOkOf('ScenarioResponse')
  @ApiProblems(400, 404, 409)
  approve(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Body() dto: ScenarioVersionDto,
  ): Promise<ScenarioResponse> {
    return this.scenarios.approve(user, id, dto.version);
  }

  @Post('scenarios/:id/copy')
  @RequirePermission(Permission.PLAN_WRITE)
  @ApiOperation({ summary: 'Copy a scenario as a new draft (ADMIN, PROCUREMENT)' })
  @ApiCreatedOf('ScenarioResponse')
  @ApiProblems(400, 404)
  copy(@Param('id', uuid) id: string, @Body() dto: CopyScenarioDto): Promise<ScenarioResponse> {
    return this.scenarios.copy(id, dto.name);
  }
}
