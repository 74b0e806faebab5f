import { Body, Controller, Get, Param, ParseEnumPipe, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Modality, Permission, UpdateModalityDto, type ModalityResponse } from '@radfleet/shared';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ApiOkOf, ApiProblems } from '../common/openapi/openapi.js';
import { ModalitiesService } from './modalities.service.js';

@ApiTags('modalities')
@Controller('modalities')
export class ModalitiesController {
  constructor(private readonly modalities: ModalitiesService) {}

  @Get()
  @RequirePermission(Permission.READ)
  @ApiOkResponse({
    schema: { type: 'array', items: { $ref: '#/components/schemas/ModalityResponse' } },
  })
  @ApiProblems()
  list(): Promise<ModalityResponse[]> {
    return this.modalities.list();
  }

  @Patch(':code')
  @RequirePermission(Permission.REFERENCE_WRITE)
  @ApiOkOf('ModalityResponse')
  @ApiProblems(400, 404, 409)
  update(
    @CurrentUser() user: AuthUser,
    @Param('code', new ParseEnumPipe(Modality)) code: Modality,
    @Body() dto: UpdateModalityDto,
  ): Promise<ModalityResponse> {
    return this.modalities.update(user, code, dto);
  }
}
