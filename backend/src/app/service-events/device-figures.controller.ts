import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  PeriodQuery,
  Permission,
  type DeviceCostResponse,
  type DeviceUptimeResponse,
} from '@radfleet/shared';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ApiOkOf, ApiProblems, ApiQueryOf } from '../common/openapi/openapi.js';
import { DeviceFiguresService } from './device-figures.service.js';

/** A device's uptime and cost of ownership, computed from its service events and contracts. */
@ApiTags('devices')
@Controller('devices')
export class DeviceFiguresController {
  constructor(private readonly figures: DeviceFiguresService) {}

  @Get(':id/uptime')
  @RequirePermission(Permission.READ)
  @ApiOperation({
    summary:
      'Downtime hours and uptime % over a period (default: the last 365 days), round the clock; overlapping events count once',
  })
  @ApiQueryOf(PeriodQuery)
  @ApiOkOf('DeviceUptimeResponse')
  @ApiProblems(400, 404)
  uptime(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() q: PeriodQuery,
  ): Promise<DeviceUptimeResponse> {
    return this.figures.uptime(id, q.from, q.to);
  }

  @Get(':id/cost')
  @RequirePermission(Permission.READ)
  @ApiOperation({
    summary:
      'Cost of ownership so far: purchase, share of contract payments, service event costs; in all, per year on average and by calendar year',
  })
  @ApiOkOf('DeviceCostResponse')
  @ApiProblems(404)
  cost(@Param('id', new ParseUUIDPipe()) id: string): Promise<DeviceCostResponse> {
    return this.figures.cost(id);
  }
}
