import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError, ErrorCode } from '../common/app-error.js';
import { route } from '../common/links.js';
import { IS_PUBLIC } from '../common/public.decorator.js';
import { defaultRole, REQUIRED_ROLE, ROLE_SCOPE, roleAllows, type Role } from '../common/roles.js';
import { bearerToken } from './api-key-token.js';
import { ApiKeysService } from './api-keys.service.js';
import { ConsoleSessionsRepository } from './console-sessions.repository.js';
import { CSRF_HEADER, hashSessionToken, sessionToken } from './session-cookie.js';

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="flowhub"' };
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Who a request acts as: an API key, sent as a bearer token or through a console session. */
export interface Principal {
  id: string;
  name: string;
  role: Role;
  /** Signed in by session cookie: when the session ends. */
  sessionExpiresAt?: Date;
}

export interface AuthenticatedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  apiKeyId?: string;
  principal?: Principal;
}

/**
 * Every route needs an API key unless marked @Public(): `Authorization: Bearer <api key>`, or
 * the console's session cookie (then a state-changing request must also send X-Flowhub-CSRF).
 * The key's role must allow the route (RequiresRole, else viewer for reads, admin for writes).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
    private readonly sessions: ConsoleSessionsRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = request.headers.authorization
      ? await this.fromBearer(request)
      : await this.fromSession(request);
    request.apiKeyId = principal.id;
    request.principal = principal;
    const needed =
      this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, targets) ??
      defaultRole(request.method);
    if (!roleAllows(principal.role, needed)) throw forbidden(principal.role, needed, request);
    return true;
  }

  private async fromBearer(request: AuthenticatedRequest): Promise<Principal> {
    const header = request.headers.authorization;
    const token = bearerToken(typeof header === 'string' ? header : undefined);
    if (!token) {
      throw unauthorized("Malformed Authorization header: send 'Authorization: Bearer <api key>'");
    }
    const key = await this.apiKeys.authenticate(token);
    if (!key) {
      throw unauthorized('Invalid or revoked API key: check the key in your Authorization header');
    }
    return { id: key.id, name: key.name, role: key.role };
  }

  private async fromSession(request: AuthenticatedRequest): Promise<Principal> {
    const token = sessionToken(request.headers.cookie);
    if (!token) {
      throw unauthorized(
        `Missing API key: send 'Authorization: Bearer <api key>' (create keys with ${route('POST', '/api-keys')}), or sign in with ${route('POST', '/session')}`,
      );
    }
    const key = await this.sessions.find(hashSessionToken(token));
    if (!key) {
      throw unauthorized(
        `Your session has ended (signed out, expired, or its API key was revoked): sign in again with ${route('POST', '/session')}`,
      );
    }
    if (!SAFE_METHODS.has(request.method) && !request.headers[CSRF_HEADER]) {
      throw new AppError(
        ErrorCode.Forbidden,
        `A ${request.method} signed in by session cookie must send the header X-Flowhub-CSRF: 1 (the console does; this stops other sites from using your session)`,
      );
    }
    const { id, name, role, expiresAt } = key;
    return { id, name, role, sessionExpiresAt: expiresAt };
  }
}

function unauthorized(message: string): AppError {
  return new AppError(ErrorCode.Unauthorized, message, undefined, CHALLENGE);
}

/** 403: what the key's role allows and what this route needs (never the key itself). */
function forbidden(held: Role, needed: Role, request: AuthenticatedRequest): AppError {
  const path = request.url.split('?')[0];
  return new AppError(
    ErrorCode.Forbidden,
    `This API key has role '${held}', which ${ROLE_SCOPE[held]}: ${request.method} ${path} needs role '${needed}'${needed === 'admin' ? '' : ' or admin'}. Use such a key (an admin creates one with ${route('POST', '/api-keys')} and a role).`,
  );
}
