import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateServiceEventDto,
  Permission,
  ServiceEventListQuery,
  UpdateServiceEventDto,
  type Paged,
  type ServiceEventResponse,
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
import { ServiceEventsService } from './service-events.service.js';

@ApiTags('service-events')
@Controller('service-events')
export class ServiceEventsController {
  constructor(private readonly events: ServiceEventsService) {}

  @Get()
  @RequirePermission(Permission.READ)
  @ApiOperation({ summary: 'Service events, newest first; filter by device, facility and period' })
  @ApiQueryOf(ServiceEventListQuery)
  @ApiPagedOf('ServiceEventResponse')
  @ApiProblems(400)
  list(@Query() q: ServiceEventListQuery): Promise<Paged<ServiceEventResponse>> {
    return this.events.list(q);
  }

  @Get(':id')
  @RequirePermission(Permission.READ)
  @ApiOkOf('ServiceEventResponse')
  @ApiProblems(404)
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<ServiceEventResponse> {
    return this.events.get(id);
  }

  @Post()
  @RequirePermission(Permission.SERVICE_EVENT_WRITE)
  @ApiOperation({
    summary:
      'Log a service event (facility managers: for their own facilities). An open breakdown puts the device UNDER_REPAIR.',
  })
  @ApiCreatedOf('ServiceEventResponse')
  @ApiProblems(400, 404)
  create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateServiceEventDto,
  ): Promise<ServiceEventResponse> {
    return this.events.create(user, dto);
  }

  @Patch(':id')
  @RequirePermission(Permission.SERVICE_EVENT_WRITE)
  @ApiOperation({
    summary:
      'Edit or resolve (resolvedAt) a service event; resolving a breakdown restores the device status it interrupted. A stale version answers 409.',
  })
  @ApiOkOf('ServiceEventResponse')
  @ApiProblems(400, 404, 409)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdateServiceEventDto,
  ): Promise<ServiceEventResponse> {
    return this.events.update(user, id, dto);
  }
}
