import { Controller, Get, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiProperty,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { HealthResponse } from '@radfleet/shared';
import type { Response } from 'express';
import { PROBLEM } from '../common/openapi/openapi.js';
import { Public } from '../common/public.decorator.js';
import { HealthService } from './health.service.js';

class HealthResponseDoc implements HealthResponse {
  @ApiProperty({ enum: ['ok', 'error'] }) status!: 'ok' | 'error';
  @ApiProperty({ enum: ['up', 'down'] }) database!: 'up' | 'down';
  @ApiProperty({ example: '0.1.0' }) version!: string;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: HealthResponseDoc, description: 'The service and its database are up.' })
  @ApiServiceUnavailableResponse({
    type: HealthResponseDoc,
    description: 'The database does not answer.',
  })
  @ApiBadRequestResponse({
    description: 'Unreadable query (e.g. a NUL character); `errors` lists the fields.',
    content: PROBLEM,
  })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    const result = await this.health.check();
    res.status(result.status === 'ok' ? 200 : 503);
    res.setHeader('Cache-Control', 'no-store');
    if (result.status !== 'ok') res.setHeader('Retry-After', '5');
    return result;
  }
}
