import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Permission,
  type FacilityManagerHomeResponse,
  type ProcurementHomeResponse,
} from '@radfleet/shared';
import type { AuthUser } from '../auth/index.js';
import { CurrentUser } from '../auth/index.js';
import { RequirePermission } from '../auth/index.js';
import { ApiOkOf, ApiProblems } from '../common/openapi/openapi.js';
import { HomeService } from './home.service.js';

@ApiTags('home')
@Controller('home')
export class HomeController {
  constructor(private readonly home: HomeService) {}

  @Get('facility-manager')
  @RequirePermission(Permission.READ)
  @ApiOperation({
    summary:
      'What needs a facility manager’s hands: their facilities’ devices needing attention, open alerts, unresolved service events and others’ recent changes (city-wide for other roles)',
  })
  @ApiOkOf('FacilityManagerHomeResponse')
  @ApiProblems()
  facilityManager(@CurrentUser() user: AuthUser): Promise<FacilityManagerHomeResponse> {
    return this.home.facilityManager(user);
  }

  @Get('procurement')
  @RequirePermission(Permission.READ)
  @ApiOperation({ summary: 'Unpaid payment milestones due within 30 days (overdue included)' })
  @ApiOkOf('ProcurementHomeResponse')
  @ApiProblems()
  procurement(): Promise<ProcurementHomeResponse> {
    return this.home.procurement();
  }
}
