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
  UploadedFile,
} from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { writeTemplate } from '../common/spreadsheet/index.js';
import {
  DeviceUtilisationQuery,
  ManualCountDto,
  Permission,
  UtilisationImportQuery,
  UtilisationRankingQuery,
  type ImportResult,
  UtilisationSummaryQuery,
  type DeviceUtilisationResponse,
  type ManualCountResponse,
  type UtilisationRankingResponse,
  type UtilisationSummaryResponse,
} from '@radfleet/shared';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ApiCreatedOf, ApiOkOf, ApiProblems, ApiQueryOf } from '../common/openapi/openapi.js';
import {
  ImportUpload,
  requireUpload,
  sendXlsx,
  XLSX_CONTENT,
  XLSX_MIME,
} from '../common/upload.js';
import { COUNT_COLUMNS, UtilisationImportService } from './utilisation-import.service.js';
import { UtilisationService } from './utilisation.service.js';

@ApiTags('utilisation')
@Controller('utilisation')
export class UtilisationController {
  constructor(
    private readonly utilisation: UtilisationService,
    private readonly importer: UtilisationImportService,
  ) {}

  @Get('devices/:id')
  @RequirePermission(Permission.READ)
  @ApiOperation({
    summary:
      "One device's studies, images, images per study, active days and utilisation % over a period, with a daily, weekly or monthly series and the year before",
  })
  @ApiQueryOf(DeviceUtilisationQuery)
  @ApiOkOf('DeviceUtilisationResponse')
  @ApiProblems(400, 404)
  device(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() q: DeviceUtilisationQuery,
  ): Promise<DeviceUtilisationResponse> {
    return this.utilisation.device(id, q);
  }

  @Get('summary')
  @RequirePermission(Permission.READ)
  @ApiOperation({
    summary:
      'Rollup by modality, facility or district over a period, with year-on-year growth and a city-wide series',
  })
  @ApiQueryOf(UtilisationSummaryQuery)
  @ApiOkOf('UtilisationSummaryResponse')
  @ApiProblems(400)
  summary(@Query() q: UtilisationSummaryQuery): Promise<UtilisationSummaryResponse> {
    return this.utilisation.summary(q);
  }

  @Get('ranking')
  @RequirePermission(Permission.READ)
  @ApiOperation({ summary: 'Under-used and over-used in-service devices, by utilisation %' })
  @ApiQueryOf(UtilisationRankingQuery)
  @ApiOkOf('UtilisationRankingResponse')
  @ApiProblems(400)
  ranking(@Query() q: UtilisationRankingQuery): Promise<UtilisationRankingResponse> {
    return this.utilisation.ranking(q);
  }

  @Post('counts')
  @RequirePermission(Permission.UTILISATION_WRITE)
  @ApiOperation({
    summary:
      'Record a hand count (a day or a month) for a device without an archive; facility managers: their own facilities. Replaces an earlier count of the same day or month.',
  })
  @ApiCreatedOf('ManualCountResponse')
  @ApiProblems(400, 404, 409)
  record(@CurrentUser() user: AuthUser, @Body() dto: ManualCountDto): Promise<ManualCountResponse> {
    return this.utilisation.record(user, dto);
  }

  @Get('import/template.xlsx')
  @RequirePermission(Permission.READ)
  @ApiOperation({ summary: 'The hand-count import template, with Russian and English headers' })
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ description: 'The template', content: XLSX_CONTENT })
  @ApiProblems()
  async template(@Res() res: Response): Promise<void> {
    sendXlsx(res, 'radfleet-counts-template.xlsx');
    await writeTemplate(COUNT_COLUMNS, res, { sheetName: 'Исследования' });
  }

  @Post('import')
  @HttpCode(200)
  @RequirePermission(Permission.UTILISATION_WRITE)
  @ImportUpload()
  @ApiOperation({
    summary:
      'Import hand counts from an .xlsx or .csv file (inventory number, period DAY/MONTH, date, studies, images): all rows or none. dryRun=true previews.',
  })
  @ApiQueryOf(UtilisationImportQuery)
  @ApiOkOf('ImportResult')
  @ApiProblems(400, 429)
  async import(
    @CurrentUser() user: AuthUser,
    @Query() q: UtilisationImportQuery,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<ImportResult> {
    const upload = requireUpload(file);
    return this.importer.import(
      user,
      { path: upload.path, filename: upload.originalname },
      q.dryRun ?? false,
    );
  }
}
