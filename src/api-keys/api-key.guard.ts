import { route } from '../common/links.js';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError, ErrorCode } from '../common/app-error.js';
import { IS_PUBLIC } from '../common/public.decorator.js';
import { bearerToken } from './api-key-token.js';
import { ApiKeysService } from './api-keys.service.js';

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="flowhub"' };

interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  apiKeyId?: string;
}

/** Every route needs `Authorization: Bearer <api key>` unless marked @Public(). */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const token = bearerToken(typeof header === 'string' ? header : undefined);
    if (!token) {
      throw new AppError(
        ErrorCode.Unauthorized,
        header
          ? "Malformed Authorization header: send 'Authorization: Bearer <api key>'"
          : `Missing API key: send 'Authorization: Bearer <api key>' (create keys with ${route('POST', '/api-keys')})`,
        undefined,
        CHALLENGE,
      );
    }
    const key = await this.apiKeys.authenticate(token);
    if (!key) {
      throw new AppError(
        ErrorCode.Unauthorized,
        'Invalid or revoked API key: check the key in your Authorization header',
        undefined,
        CHALLENGE,
      );
    }
    request.apiKeyId = key.id;
    return true;
  }
}
