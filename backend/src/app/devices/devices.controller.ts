import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateDeviceDto,
  DeviceListQuery,
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
import { DevicesService } from './devices.service.js';

@ApiTags('devices')
@Controller('devices')
export class DevicesController {
  constructor(private readonly devices: DevicesService) {}

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
