import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateUserDto,
  Permission,
  UpdateUserDto,
  UserListQuery,
  type Paged,
  type UserResponse,
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
import { UsersService } from './users.service.js';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @RequirePermission(Permission.USER_ADMIN)
  @ApiQueryOf(UserListQuery)
  @ApiPagedOf('UserResponse')
  @ApiProblems(400)
  list(@Query() q: UserListQuery): Promise<Paged<UserResponse>> {
    return this.users.list(q);
  }

  @Get(':id')
  @RequirePermission(Permission.USER_ADMIN)
  @ApiOkOf('UserResponse')
  @ApiProblems(404)
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<UserResponse> {
    return this.users.get(id);
  }

  @Post()
  @RequirePermission(Permission.USER_ADMIN)
  @ApiOperation({ summary: 'Create a user (password at least 12 characters, not a common one)' })
  @ApiCreatedOf('UserResponse')
  @ApiProblems(400, 409)
  create(@Body() dto: CreateUserDto): Promise<UserResponse> {
    return this.users.create(dto);
  }

  @Patch(':id')
  @RequirePermission(Permission.USER_ADMIN)
  @ApiOperation({
    summary: 'Change role, facilities, active flag or password; deactivation ends sessions at once',
  })
  @ApiOkOf('UserResponse')
  @ApiProblems(400, 404, 409)
  update(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserResponse> {
    return this.users.update(actor.id, id, dto);
  }
}
