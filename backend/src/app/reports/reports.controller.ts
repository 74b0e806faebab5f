import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  BuildPackDto,
  ExecutivePackQuery,
  PackScope,
  PageQuery,
  Permission,
  Role,
  type Paged,
  type ReportPackResponse,
  type ReportScheduleResponse,
} from '@radfleet/shared';
import type { AuthUser } from '../auth/index.js';
import { CurrentUser } from '../auth/index.js';
import { RequirePermission } from '../auth/index.js';
import { cityToday } from '../common/calendar.js';
import { ApiOkOf, ApiPagedOf, ApiProblems, ApiQueryOf } from '../common/openapi/openapi.js';
import { sendXlsx, XLSX_CONTENT, XLSX_MIME } from '../common/upload.js';
import { ExecutivePackService, type PackTarget } from './executive-pack.service.js';
import { ReportPacksService } from './report-packs.service.js';

/** The pack a user gets: the city's, or a facility manager's facilities'. */
export function packTarget(user: AuthUser): PackTarget {
  return user.role === Role.FACILITY_MANAGER
    ? { scope: PackScope.FACILITIES, facilityIds: user.facilityIds }
    : { scope: PackScope.CITY, facilityIds: [] };
}

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly pack: ExecutivePackService,
    private readonly packs: ReportPacksService,
  ) {}

  @Get('executive-pack.xlsx')
  @RequirePermission(Permission.READ)
  @ApiOperation({
    summary:
      "The executive report pack of a month (default: the current one so far) as an xlsx workbook: Summary, Fleet, Age profile and COCIR, Utilisation, Contracts and SLA, with the dashboard's charts. Facility managers get their facilities' pack.",
  })
  @ApiQueryOf(ExecutivePackQuery)
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ description: 'The workbook', content: XLSX_CONTENT })
  @ApiProblems(400)
  async downloadNow(
    @CurrentUser() user: AuthUser,
    @Query() q: ExecutivePackQuery,
    @Res() res: Response,
  ): Promise<void> {
    const month = q.month ?? cityToday().slice(0, 7);
    const lang = q.lang ?? 'ru';
    const content = await this.pack.prepare(month, lang, packTarget(user));
    sendXlsx(res, `radfleet-executive-pack-${month}-${lang}.xlsx`);
    // Once bytes have gone out no problem answer is possible: a failure cuts the connection, so
    // that the client sees a failed download rather than a truncated workbook.
    await this.pack.writeWorkbook(content, res).catch((e: unknown) => {
      res.destroy(e instanceof Error ? e : new Error(String(e)));
    });
  }

  @Get('packs')
  @RequirePermission(Permission.READ)
  @ApiOperation({
    summary:
      "Stored report packs, newest first: the city's for city roles, a facility manager's own facility packs",
  })
  @ApiQueryOf(PageQuery)
  @ApiPagedOf('ReportPackResponse')
  @ApiProblems(400)
  list(@CurrentUser() user: AuthUser, @Query() q: PageQuery): Promise<Paged<ReportPackResponse>> {
    return this.packs.list(user, q.page, q.pageSize);
  }

  // A pack is built for the asker and changes no record: a self action, which executives may take.
  @Post('packs')
  @HttpCode(202)
  @RequirePermission(Permission.SELF)
  @ApiOperation({
    summary:
      'Build a pack now (default: the previous month, in Russian); answers at once with the job, whose progress GET /api/reports/packs/{id} shows',
  })
  @ApiOkOf('ReportPackResponse')
  @ApiProblems(400)
  build(@CurrentUser() user: AuthUser, @Body() dto: BuildPackDto): Promise<ReportPackResponse> {
    return this.packs.request(user, dto);
  }

  @Get('schedule')
  @RequirePermission(Permission.READ)
  @ApiOperation({
    summary: 'When the schedule builds the next pack (REPORT_CRON), and the retention',
  })
  @ApiOkOf('ReportScheduleResponse')
  @ApiProblems()
  schedule(): ReportScheduleResponse {
    return this.packs.schedule();
  }

  @Get('packs/:id')
  @RequirePermission(Permission.READ)
  @ApiOperation({ summary: 'One stored pack: status, progress, size, error' })
  @ApiOkOf('ReportPackResponse')
  @ApiProblems(404)
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<ReportPackResponse> {
    return this.packs.get(user, id);
  }

  @Get('packs/:id/download')
  @RequirePermission(Permission.READ)
  @ApiOperation({ summary: 'The workbook of a READY pack' })
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ description: 'The workbook', content: XLSX_CONTENT })
  @ApiProblems(404, 409)
  async download(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.packs.file(user, id);
    sendXlsx(res, file.name);
    await pipeline(createReadStream(file.path), res);
  }
}
