import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AlertListQuery,
  Permission,
  UpdateAlertDto,
  type AlertAssigneeResponse,
  type AlertCountsResponse,
  type AlertResponse,
  type Paged,
} from '@radfleet/shared';
import type { AuthUser } from '../auth/index.js';
import { CurrentUser } from '../auth/index.js';
import { RequirePermission } from '../auth/index.js';
import { ApiOkOf, ApiPagedOf, ApiProblems, ApiQueryOf } from '../common/openapi/openapi.js';
import { AlertsService } from './alerts.service.js';

@ApiTags('alerts')
@Controller('alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @RequirePermission(Permission.READ)
  @ApiOperation({
    summary:
      'Alerts from the scheduled checks, unresolved ones by default, most severe first; a facility manager sees their facilities’ alerts only',
  })
  @ApiQueryOf(AlertListQuery)
  @ApiPagedOf('AlertResponse')
  @ApiProblems(400)
  list(@CurrentUser() user: AuthUser, @Query() q: AlertListQuery): Promise<Paged<AlertResponse>> {
    return this.alerts.list(user, q);
  }

  @Get('counts')
  @RequirePermission(Permission.READ)
  @ApiOperation({
    summary:
      'Open alerts (unresolved, not acknowledged) in the user’s scope, in all and by type (for the badge)',
  })
  @ApiOkOf('AlertCountsResponse')
  @ApiProblems()
  counts(@CurrentUser() user: AuthUser): Promise<AlertCountsResponse> {
    return this.alerts.counts(user);
  }

  @Get(':id')
  @RequirePermission(Permission.READ)
  @ApiOkOf('AlertResponse')
  @ApiProblems(404)
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<AlertResponse> {
    return this.alerts.get(user, id);
  }

  @Get(':id/assignees')
  @RequirePermission(Permission.READ)
  @ApiOperation({ summary: 'The users the alert may be assigned to' })
  @ApiOkResponse({
    schema: { type: 'array', items: { $ref: '#/components/schemas/AlertAssigneeResponse' } },
  })
  @ApiProblems(404)
  assignees(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<AlertAssigneeResponse[]> {
    return this.alerts.assignees(user, id);
  }

  @Patch(':id')
  @RequirePermission(Permission.ALERT_TRIAGE)
  @ApiOperation({
    summary:
      'Acknowledge an alert with a comment, take the acknowledgement back, or assign it; audited. A stale version answers 409.',
  })
  @ApiOkOf('AlertResponse')
  @ApiProblems(400, 404, 409)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdateAlertDto,
  ): Promise<AlertResponse> {
    return this.alerts.update(user, id, dto);
  }
}
