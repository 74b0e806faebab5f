import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateSupplierDto,
  Permission,
  SupplierListQuery,
  UpdateSupplierDto,
  type Paged,
  type SupplierResponse,
} from '@radfleet/shared';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import {
  ApiCreatedOf,
  ApiOkOf,
  ApiPagedOf,
  ApiProblems,
  ApiQueryOf,
} from '../common/openapi/openapi.js';
import { SuppliersService } from './suppliers.service.js';

@ApiTags('suppliers')
@Controller('suppliers')
export class SuppliersController {
  constructor(private readonly suppliers: SuppliersService) {}

  @Get()
  @RequirePermission(Permission.READ)
  @ApiOperation({ summary: 'Suppliers, paged; q searches name and INN' })
  @ApiQueryOf(SupplierListQuery)
  @ApiPagedOf('SupplierResponse')
  @ApiProblems(400)
  list(@Query() q: SupplierListQuery): Promise<Paged<SupplierResponse>> {
    return this.suppliers.list(q);
  }

  @Get(':id')
  @RequirePermission(Permission.READ)
  @ApiOkOf('SupplierResponse')
  @ApiProblems(404)
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<SupplierResponse> {
    return this.suppliers.get(id);
  }

  @Post()
  @RequirePermission(Permission.CONTRACT_WRITE)
  @ApiOperation({
    summary: 'Register a supplier; the INN is checked by its control digits and must be unique',
  })
  @ApiCreatedOf('SupplierResponse')
  @ApiProblems(400, 409)
  create(@Body() dto: CreateSupplierDto): Promise<SupplierResponse> {
    return this.suppliers.create(dto);
  }

  @Patch(':id')
  @RequirePermission(Permission.CONTRACT_WRITE)
  @ApiOperation({ summary: 'Edit a supplier; a stale version answers 409' })
  @ApiOkOf('SupplierResponse')
  @ApiProblems(400, 404, 409)
  update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdateSupplierDto,
  ): Promise<SupplierResponse> {
    return this.suppliers.update(id, dto);
  }
}
