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
  UploadedFile,
} from '@nestjs/common';
import type { Response } from 'express';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import {
  CreateDeviceDto,
  DeviceExportQuery,
  DeviceImportQuery,
  DeviceListQuery,
  type ImportResult,
  Permission,
  UpdateDeviceDto,
  type DeviceHistoryEntry,
  type DeviceResponse,
  type Paged,
} from '@radfleet/shared';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import {
  ApiCreatedOf,
  ApiOkOf,
  ApiPagedOf,
  ApiProblems,
  ApiQueryOf,
} from '../common/openapi/openapi.js';
import {
  ImportUpload,
  requireUpload,
  sendXlsx,
  XLSX_CONTENT,
  XLSX_MIME,
} from '../common/upload.js';
import { DevicesExportService } from './devices-export.service.js';
import { DevicesImportService } from './devices-import.service.js';
import { DevicesService } from './devices.service.js';
import { cityToday } from '../common/calendar.js';

@ApiTags('devices')
@Controller('devices')
export class DevicesController {
  constructor(
    private readonly devices: DevicesService,
    private readonly importer: DevicesImportService,
    private readonly exporter: DevicesExportService,
  ) {}

  @Get('export.xlsx')
  @RequirePermission(Permission.READ)
  @ApiOperation({
    summary:
      'The devices matching the list filters as an xlsx workbook (summary sheet + device sheet)',
  })
  @ApiQueryOf(DeviceExportQuery)
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({
    description: 'The workbook',
    content: XLSX_CONTENT,
  })
  @ApiProblems(400)
  async export(@Query() q: DeviceExportQuery, @Res() res: Response): Promise<void> {
    const lang = q.lang ?? 'ru';
    sendXlsx(res, `radfleet-${lang === 'ru' ? 'ustroystva' : 'devices'}-${cityToday()}.xlsx`);
    await this.exporter.export(q, lang, res);
  }

  @Get('import/template.xlsx')
  @RequirePermission(Permission.READ)
  @ApiOperation({ summary: 'The import template, with Russian and English headers' })
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({
    description: 'The template',
    content: XLSX_CONTENT,
  })
  @ApiProblems()
  async template(@Res() res: Response): Promise<void> {
    sendXlsx(res, 'radfleet-devices-template.xlsx');
    await this.exporter.template(res);
  }

  @Post('import')
  @HttpCode(200)
  @RequirePermission(Permission.DEVICE_WRITE)
  @ImportUpload()
  @ApiOperation({
    summary: 'Import devices from an .xlsx or .csv file: all rows or none. dryRun=true previews.',
    description:
      'Rows match on the inventory number; headers in Russian or English, in any order. An empty cell leaves an existing value as it is.',
  })
  @ApiQueryOf(DeviceImportQuery)
  @ApiOkOf('ImportResult')
  @ApiProblems(400, 429)
  async import(
    @CurrentUser() user: AuthUser,
    @Query() q: DeviceImportQuery,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<ImportResult> {
    const upload = requireUpload(file);
    return this.importer.import(
      user,
      { path: upload.path, filename: upload.originalname },
      q.dryRun ?? false,
    );
  }

  @Get()
  @RequirePermission(Permission.READ)
  @ApiOperation({
    summary:
      'Devices, paged, filtered and sorted; age, remaining life and the past-life flag are computed',
  })
  @ApiQueryOf(DeviceListQuery)
  @ApiPagedOf('DeviceResponse')
  @ApiProblems(400)
  list(@Query() q: DeviceListQuery): Promise<Paged<DeviceResponse>> {
    return this.devices.list(q);
  }

  @Get(':id')
  @RequirePermission(Permission.READ)
  @ApiOkOf('DeviceResponse')
  @ApiProblems(404)
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<DeviceResponse> {
    return this.devices.get(id);
  }

  @Get(':id/history')
  @RequirePermission(Permission.READ)
  @ApiOperation({ summary: "The device's changes, oldest first" })
  @ApiOkResponse({
    schema: { type: 'array', items: { $ref: '#/components/schemas/DeviceHistoryEntry' } },
  })
  @ApiProblems(404)
  history(@Param('id', new ParseUUIDPipe()) id: string): Promise<DeviceHistoryEntry[]> {
    return this.devices.history(id);
  }

  @Post()
  @RequirePermission(Permission.DEVICE_WRITE)
  @ApiOperation({ summary: 'Register a device (facility managers: in their own facilities)' })
  @ApiCreatedOf('DeviceResponse')
  @ApiProblems(400, 409)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateDeviceDto): Promise<DeviceResponse> {
    return this.devices.create(user, dto);
  }

  @Patch(':id')
  @RequirePermission(Permission.DEVICE_WRITE)
  @ApiOperation({
    summary: 'Edit a device; a transfer is a change of facilityId. A stale version answers 409.',
  })
  @ApiOkOf('DeviceResponse')
  @ApiProblems(400, 404, 409)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdateDeviceDto,
  ): Promise<DeviceResponse> {
    return this.devices.update(user, id, dto);
  }
}
