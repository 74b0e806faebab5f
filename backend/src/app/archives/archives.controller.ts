import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  PageQuery,
  CreateArchiveDto,
  CreateDeviceDto,
  DiscoveredListQuery,
  IdentityMappingDto,
  LinkDiscoveredDto,
  Permission,
  SyncNowQuery,
  SyncTrigger,
  UpdateArchiveDto,
  type ArchiveResponse,
  type ArchiveSyncRunResponse,
  type ArchiveTestResponse,
  type DiscoveredDeviceResponse,
  type IdentityMappingResponse,
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
import { ArchiveSyncService } from './archive-sync.service.js';
import { ArchivesService, toRunResponse } from './archives.service.js';
import { DiscoveredDevicesService } from './discovered-devices.service.js';

/** The discovered-devices inbox and identity mappings (declared before `/archives/:id`). */
@ApiTags('archives')
@Controller('archives')
export class ArchiveDiscoveryController {
  constructor(private readonly discovered: DiscoveredDevicesService) {}

  @Get('discovered')
  @RequirePermission(Permission.ARCHIVE_ADMIN)
  @ApiOperation({
    summary: 'Identities the archive reported that match no device, with their kept daily counts',
  })
  @ApiQueryOf(DiscoveredListQuery)
  @ApiPagedOf('DiscoveredDeviceResponse')
  @ApiProblems(400)
  list(@Query() q: DiscoveredListQuery): Promise<Paged<DiscoveredDeviceResponse>> {
    return this.discovered.list(q);
  }

  @Post('discovered/:id/link')
  @HttpCode(200)
  @RequirePermission(Permission.ARCHIVE_ADMIN)
  @ApiOperation({
    summary: "Link an identity to a device: its kept counts move to the device's history",
  })
  @ApiOkOf('DiscoveredDeviceResponse')
  @ApiProblems(400, 404, 409)
  link(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: LinkDiscoveredDto,
  ): Promise<DiscoveredDeviceResponse> {
    return this.discovered.link(id, dto.deviceId);
  }

  @Post('discovered/:id/device')
  @RequirePermission(Permission.ARCHIVE_ADMIN)
  @ApiOperation({
    summary:
      'Register a device from an identity (DICOM fields filled from it unless given) and link it',
  })
  @ApiCreatedOf('DiscoveredDeviceResponse')
  @ApiProblems(400, 404, 409)
  createDevice(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: CreateDeviceDto,
  ): Promise<DiscoveredDeviceResponse> {
    return this.discovered.createDevice(user, id, dto);
  }

  @Get('mappings')
  @RequirePermission(Permission.ARCHIVE_ADMIN)
  @ApiOperation({ summary: 'Explicit identity → device rules, checked before automatic matching' })
  @ApiQueryOf(PageQuery)
  @ApiPagedOf('IdentityMappingResponse')
  @ApiProblems(400)
  mappings(@Query() q: PageQuery): Promise<Paged<IdentityMappingResponse>> {
    return this.discovered.mappings(q);
  }

  @Post('mappings')
  @RequirePermission(Permission.ARCHIVE_ADMIN)
  @ApiOperation({
    summary:
      'Add a rule: identities whose every given field matches (case-insensitive) belong to the device',
  })
  @ApiCreatedOf('IdentityMappingResponse')
  @ApiProblems(400, 404, 409)
  addMapping(@Body() dto: IdentityMappingDto): Promise<IdentityMappingResponse> {
    return this.discovered.addMapping(dto);
  }

  @Delete('mappings/:id')
  @HttpCode(204)
  @RequirePermission(Permission.ARCHIVE_ADMIN)
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblems(404)
  removeMapping(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.discovered.removeMapping(id);
  }
}

/** Archive connections (administrators). Passwords and tokens are write-only. */
@ApiTags('archives')
@Controller('archives')
export class ArchivesController {
  constructor(
    private readonly archives: ArchivesService,
    private readonly sync: ArchiveSyncService,
  ) {}

  @Get()
  @RequirePermission(Permission.ARCHIVE_ADMIN)
  @ApiOperation({ summary: 'Archive connections with their watermark, pending days and last run' })
  @ApiQueryOf(PageQuery)
  @ApiPagedOf('ArchiveResponse')
  @ApiProblems(400)
  list(@Query() q: PageQuery): Promise<Paged<ArchiveResponse>> {
    return this.archives.list(q);
  }

  @Post()
  @RequirePermission(Permission.ARCHIVE_ADMIN)
  @ApiOperation({ summary: 'Add a DICOMweb archive connection' })
  @ApiCreatedOf('ArchiveResponse')
  @ApiProblems(400, 409)
  create(@Body() dto: CreateArchiveDto): Promise<ArchiveResponse> {
    return this.archives.create(dto);
  }

  @Get(':id')
  @RequirePermission(Permission.ARCHIVE_ADMIN)
  @ApiOkOf('ArchiveResponse')
  @ApiProblems(404)
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<ArchiveResponse> {
    return this.archives.get(id);
  }

  @Patch(':id')
  @RequirePermission(Permission.ARCHIVE_ADMIN)
  @ApiOperation({
    summary: 'Edit a connection; an omitted password or token keeps the stored one',
  })
  @ApiOkOf('ArchiveResponse')
  @ApiProblems(400, 404, 409)
  update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdateArchiveDto,
  ): Promise<ArchiveResponse> {
    return this.archives.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission(Permission.ARCHIVE_ADMIN)
  @ApiOperation({ summary: 'Remove a connection and its run history (synced counts stay)' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblems(404)
  remove(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.archives.remove(id);
  }

  @Post(':id/test')
  @HttpCode(200)
  @RequirePermission(Permission.ARCHIVE_ADMIN)
  @ApiOperation({
    summary: 'Check that the archive answers a QIDO-RS query with these credentials',
  })
  @ApiOkOf('ArchiveTestResponse')
  @ApiProblems(404)
  test(@Param('id', new ParseUUIDPipe()) id: string): Promise<ArchiveTestResponse> {
    return this.archives.test(id);
  }

  @Post(':id/sync')
  @HttpCode(200)
  @RequirePermission(Permission.ARCHIVE_ADMIN)
  @ApiOperation({
    summary:
      'Sync now. wait=true (default) answers with the finished run; wait=false with the run just started. 409 while a run is going on.',
  })
  @ApiQueryOf(SyncNowQuery)
  @ApiOkOf('ArchiveSyncRunResponse')
  @ApiProblems(400, 404, 409)
  async syncNow(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() q: SyncNowQuery,
  ): Promise<ArchiveSyncRunResponse> {
    const { runId, done } = await this.sync.start(id, SyncTrigger.MANUAL);
    if (q.wait ?? true) return toRunResponse(await done);
    return this.archives.run(runId);
  }

  @Get(':id/runs')
  @RequirePermission(Permission.ARCHIVE_ADMIN)
  @ApiOperation({ summary: 'Sync runs of the archive, newest first' })
  @ApiQueryOf(PageQuery)
  @ApiPagedOf('ArchiveSyncRunResponse')
  @ApiProblems(400, 404)
  runs(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() q: PageQuery,
  ): Promise<Paged<ArchiveSyncRunResponse>> {
    return this.archives.runs(id, q);
  }
}
