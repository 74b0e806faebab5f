import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditQuery, Permission, type AuditEntryResponse, type Paged } from '@radfleet/shared';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ApiPagedOf, ApiProblems, ApiQueryOf } from '../common/openapi/openapi.js';
import { AuditService } from './audit.service.js';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @RequirePermission(Permission.AUDIT_READ)
  @ApiOperation({ summary: 'The audit trail, newest first (sort=at for oldest first)' })
  @ApiQueryOf(AuditQuery)
  @ApiPagedOf('AuditEntryResponse')
  @ApiProblems(400)
  list(@Query() q: AuditQuery): Promise<Paged<AuditEntryResponse>> {
    return this.audit.list(q);
  }
}
