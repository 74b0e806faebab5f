import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ExecutiveDashboardQuery,
  Permission,
  type ExecutiveDashboardResponse,
} from '@radfleet/shared';
import { RequirePermission } from '../auth/index.js';
import { ApiOkOf, ApiProblems, ApiQueryOf } from '../common/openapi/openapi.js';
import { DashboardService } from './dashboard.service.js';

@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('executive')
  @RequirePermission(Permission.READ)
  @ApiOperation({
    summary:
      "The executive dashboard: KPIs (installed devices, digital share and its trend, COCIR compliance, median age, utilisation over 12 months, studies year to date against last year, contracts expiring within 90 days, last period's SLA breaches and penalties), each with its drill-down, and the charts' data",
  })
  @ApiQueryOf(ExecutiveDashboardQuery)
  @ApiOkOf('ExecutiveDashboardResponse')
  @ApiProblems(400)
  executive(@Query() q: ExecutiveDashboardQuery): Promise<ExecutiveDashboardResponse> {
    return this.dashboard.executive({ district: q.district, modality: q.modality });
  }
}
