import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Permission } from '@radfleet/shared';
import type { Request } from 'express';
import { requestContext } from '../common/logging/request-context.js';
import { IS_PUBLIC } from '../common/public.decorator.js';
import { AuthErrorCode, AuthException } from './auth.exception.js';
import { AuthService } from './auth.service.js';
import { PolicyService } from './policy.service.js';
import { REQUIRED_PERMISSION } from './require-permission.decorator.js';

/**
 * Deny by default: every route needs a valid access token unless it is marked @Public(), and a
 * permission declared with @RequirePermission() that the user's role holds.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('AuthGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly policy: PolicyService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const req = context.switchToHttp().getRequest<Request>();
    const header = req.header('authorization') ?? '';
    const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(header);
    if (!match) throw new AuthException(AuthErrorCode.NOT_AUTHENTICATED, 'Sign in to use this.');
    const user = await this.auth.authenticate(match[1]!);
    if (!user)
      throw new AuthException(
        AuthErrorCode.SESSION_EXPIRED,
        'The session has ended; sign in again.',
      );
    req.user = user;
    const ctx = requestContext.getStore();
    if (ctx) {
      ctx.userId = user.id;
      ctx.userEmail = user.email;
    }

    const permission = this.reflector.getAllAndOverride<Permission | undefined>(
      REQUIRED_PERMISSION,
      targets,
    );
    if (!permission) {
      this.logger.error(
        `${req.method} ${req.route?.path ?? req.path} declares no permission; refused`,
      );
      throw new AuthException(AuthErrorCode.FORBIDDEN, 'This route has no access policy.');
    }
    this.policy.assertHas(user, permission);
    return true;
  }
}
