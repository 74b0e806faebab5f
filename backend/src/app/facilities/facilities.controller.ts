import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateFacilityDto,
  FacilityListQuery,
  Permission,
  UpdateFacilityDto,
  type FacilityDetailResponse,
  type FacilityResponse,
  type FleetTotals,
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
import { FacilitiesService } from './facilities.service.js';

@ApiTags('facilities')
@Controller('facilities')
export class FacilitiesController {
  constructor(private readonly facilities: FacilitiesService) {}

  @Get()
  @RequirePermission(Permission.READ)
  @ApiOperation({ summary: 'Facilities, paged; filter by district and type, search by text' })
  @ApiQueryOf(FacilityListQuery)
  @ApiPagedOf('FacilityResponse')
  @ApiProblems(400)
  list(@Query() q: FacilityListQuery): Promise<Paged<FacilityResponse>> {
    return this.facilities.list(q);
  }

  @Get('totals')
  @RequirePermission(Permission.READ)
  @ApiOperation({
    summary: "The city's installed base today: devices and digital share over every facility",
  })
  @ApiOkOf('FleetTotals')
  @ApiProblems()
  totals(): Promise<FleetTotals> {
    return this.facilities.totals();
  }

  @Get(':id')
  @RequirePermission(Permission.READ)
  @ApiOkOf('FacilityDetailResponse')
  @ApiProblems(404)
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<FacilityDetailResponse> {
    return this.facilities.get(id);
  }

  @Post()
  @RequirePermission(Permission.FACILITY_WRITE)
  @ApiCreatedOf('FacilityResponse')
  @ApiProblems(400, 409)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateFacilityDto): Promise<FacilityResponse> {
    return this.facilities.create(user, dto);
  }

  @Patch(':id')
  @RequirePermission(Permission.FACILITY_WRITE)
  @ApiOkOf('FacilityResponse')
  @ApiProblems(400, 404, 409)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdateFacilityDto,
  ): Promise<FacilityResponse> {
    return this.facilities.update(user, id, dto);
  }
}
