import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Permission } from '@radfleet/shared';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ApiProblems } from '../common/openapi/openapi.js';
import { sendXlsx, XLSX_CONTENT, XLSX_MIME } from '../common/upload.js';
import { SpreadsheetImports } from '../common/spreadsheet/imports.service.js';

@ApiTags('imports')
@Controller('imports')
export class ImportResultsController {
  constructor(private readonly imports: SpreadsheetImports) {}

  @Get('results/:id.xlsx')
  @RequirePermission(Permission.READ)
  @ApiOperation({
    summary:
      "The full per-row result of one of the user's own imports (the resultUrl of its answer), while it is kept",
  })
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ description: 'The result workbook', content: XLSX_CONTENT })
  @ApiProblems(400, 404)
  async download(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res() res: Response,
  ): Promise<void> {
    await this.imports.writeResult(user, id, res, (fileName) => sendXlsx(res, fileName));
  }
}
