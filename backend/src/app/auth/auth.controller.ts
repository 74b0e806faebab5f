import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import {
  ChangePasswordDto,
  LoginDto,
  Permission,
  type LoginResponse,
  type UserResponse,
} from '@radfleet/shared';
import type { CookieOptions, Request, Response } from 'express';
import { ApiOkOf, ApiProblems, PROBLEM } from '../common/openapi/openapi.js';
import { Public } from '../common/public.decorator.js';
import type { AuthUser } from './auth-user.js';
import { AuthService, type ClientInfo, type IssuedSession } from './auth.service.js';
import { CurrentUser } from './current-user.decorator.js';
import { RequirePermission } from './require-permission.decorator.js';

export const REFRESH_COOKIE = 'rf_refresh';

/**
 * Sign-in for API clients and the browser alike. The browser keeps the short-lived access token in
 * memory only; the refresh token travels in an httpOnly, SameSite=Strict cookie scoped to /api/auth,
 * which scripts cannot read, and renews the access token after a reload.
 */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in; sets the refresh cookie' })
  @ApiOkOf('LoginResponse')
  @ApiBadRequestResponse({
    description: 'Invalid input; `errors` lists the fields.',
    content: PROBLEM,
  })
  @ApiUnauthorizedResponse({
    description: 'Wrong email or password (one message for both).',
    content: PROBLEM,
  })
  @ApiTooManyRequestsResponse({
    description: 'Too many failures for the account or the address; see Retry-After.',
    content: PROBLEM,
  })
  async login(
    @Body() dto: LoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponse> {
    return this.answer(await this.auth.login(dto.email, dto.password, client(req)), req, res);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Renew the access token with the refresh cookie (rotates both)' })
  @ApiOkOf('LoginResponse')
  @ApiUnauthorizedResponse({ description: 'No session, or it has ended.', content: PROBLEM })
  async refresh(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponse> {
    const token = (req.cookies as Record<string, string> | undefined)?.[REFRESH_COOKIE];
    try {
      return this.answer(await this.auth.refresh(token, client(req)), req, res);
    } catch (e) {
      res.clearCookie(REFRESH_COOKIE, cookieOptions(req));
      throw e;
    }
  }

  @Post('logout')
  @HttpCode(204)
  @RequirePermission(Permission.SELF)
  @ApiOperation({ summary: 'End this session' })
  @ApiNoContentResponse()
  @ApiProblems()
  async logout(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.auth.logout(user.sessionId);
    res.clearCookie(REFRESH_COOKIE, cookieOptions(req));
  }

  @Get('me')
  @RequirePermission(Permission.SELF)
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkOf('UserResponse')
  @ApiProblems()
  me(@CurrentUser() user: AuthUser): Promise<UserResponse> {
    return this.auth.me(user.id);
  }

  @Post('password')
  @HttpCode(204)
  @RequirePermission(Permission.SELF)
  @ApiOperation({ summary: "Change one's own password; ends the user's other sessions" })
  @ApiNoContentResponse()
  @ApiProblems(400)
  async changePassword(
    @CurrentUser() user: AuthUser,
    @Body() dto: ChangePasswordDto,
  ): Promise<void> {
    await this.auth.changePassword(user, dto.currentPassword, dto.newPassword);
  }

  private answer(s: IssuedSession, req: Request, res: Response): LoginResponse {
    res.cookie(REFRESH_COOKIE, s.refreshToken, {
      ...cookieOptions(req),
      expires: s.refreshExpiresAt,
    });
    res.setHeader('Cache-Control', 'no-store');
    return { accessToken: s.accessToken, expiresAt: s.expiresAt, user: s.user };
  }
}

function client(req: Request): ClientInfo {
  return {
    ip: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    userAgent: req.header('user-agent') ?? null,
  };
}

function cookieOptions(req: Request): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/api/auth' };
}
