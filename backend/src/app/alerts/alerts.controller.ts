import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AlertListQuery,
  Permission,
  type AlertCountsResponse,
  type AlertResponse,
  type Paged,
} from '@radfleet/shared';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ApiOkOf, ApiPagedOf, ApiProblems, ApiQueryOf } from '../common/openapi/openapi.js';
import { AlertsService } from './alerts.service.js';

@ApiTags('alerts')
@Controller('alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @RequirePermission(Permission.READ)
  @ApiOperation({
    summary: 'Alerts from the scheduled checks, open ones by default, most severe first',
  })
  @ApiQueryOf(AlertListQuery)
  @ApiPagedOf('AlertResponse')
  @ApiProblems(400)
  list(@Query() q: AlertListQuery): Promise<Paged<AlertResponse>> {
    return this.alerts.list(q);
  }

  @Get('counts')
  @RequirePermission(Permission.READ)
  @ApiOperation({ summary: 'Open alerts, in all and by type (for the badge)' })
  @ApiOkOf('AlertCountsResponse')
  @ApiProblems()
  counts(): Promise<AlertCountsResponse> {
    return this.alerts.counts();
  }
}
