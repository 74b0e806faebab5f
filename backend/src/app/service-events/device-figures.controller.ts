import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  PeriodQuery,
  Permission,
  type DeviceCostResponse,
  type DeviceAvailabilityResponse,
} from '@radfleet/shared';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ApiOkOf, ApiProblems, ApiQueryOf } from '../common/openapi/openapi.js';
import { DeviceFiguresService } from './device-figures.service.js';

/** A device's uptime and cost of ownership, computed from its service events and contracts. */
@ApiTags('devices')
@Controller('devices')
export class DeviceFiguresController {
  constructor(private readonly figures: DeviceFiguresService) {}

  @Get(':id/availability')
  @RequirePermission(Permission.READ)
  @ApiOperation({
    summary:
      'Unplanned downtime (breakdowns) and total unavailability (every event) over a period (default: the last 365 days), round the clock while the device was installed; overlapping events count once',
  })
  @ApiQueryOf(PeriodQuery)
  @ApiOkOf('DeviceAvailabilityResponse')
  @ApiProblems(400, 404)
  availability(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() q: PeriodQuery,
  ): Promise<DeviceAvailabilityResponse> {
    return this.figures.availability(id, q.from, q.to);
  }

  @Get(':id/cost')
  @RequirePermission(Permission.READ)
  @ApiOperation({
    summary:
      'Cost of ownership so far: purchase, share of contract payments (by service fee or purchase price), service events not included in a contract; in all, per year of service (pro rata, at least one) and by calendar year; yearly service cost and its ratio to the replacement price',
  })
  @ApiOkOf('DeviceCostResponse')
  @ApiProblems(404)
  cost(@Param('id', new ParseUUIDPipe()) id: string): Promise<DeviceCostResponse> {
    return this.figures.cost(id);
  }
}
