import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Post,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { API_PREFIX } from '../common/api-prefix.js';
import { AppError, ErrorCode } from '../common/app-error.js';
import { ErrorBodyDto } from '../common/error-body.dto.js';
import { JsonBodyGuard } from '../common/json-body.guard.js';
import { Public } from '../common/public.decorator.js';
import { RequiresRole } from '../common/roles.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import type { AuthenticatedRequest, Principal } from './api-key.guard.js';
import { ApiKeysService } from './api-keys.service.js';
import { ConsoleSessionsRepository } from './console-sessions.repository.js';
import {
  clearedSessionCookie,
  hashSessionToken,
  newSessionToken,
  sessionCookie,
  sessionToken,
} from './session-cookie.js';
import { SessionDto, SignInDto } from './session.dto.js';

const view = (key: Principal, expiresAt?: Date): SessionDto => ({
  apiKey: { id: key.id, name: key.name, role: key.role },
  expiresAt: expiresAt?.toISOString() ?? null,
});

/**
 * The console's sign-in: an API key exchanged for an httpOnly, SameSite=Strict session cookie
 * (Secure over https). The key is never stored in the browser.
 */
@ApiTags('session')
@ApiUnauthorizedResponse({ type: ErrorBodyDto })
@UseGuards(JsonBodyGuard)
@Controller(`${API_PREFIX}/session`)
export class SessionController {
  constructor(
    private readonly apiKeys: ApiKeysService,
    private readonly sessions: ConsoleSessionsRepository,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  private secure(request: FastifyRequest): boolean {
    return (
      request.protocol === 'https' || (this.runtime.config.publicUrl ?? '').startsWith('https:')
    );
  }

  @Post()
  @Public()
  @ApiCreatedResponse({ type: SessionDto, description: 'Signed in: the session cookie is set' })
  async signIn(
    @Body() body: SignInDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto> {
    const key = await this.apiKeys.authenticate(body.apiKey);
    if (!key) {
      throw new AppError(
        ErrorCode.Unauthorized,
        'Invalid or revoked API key: check the key you signed in with',
      );
    }
    const token = newSessionToken();
    const hours = this.runtime.config.sessionTtlHours;
    const expiresAt = await this.sessions.insert(hashSessionToken(token), key.id, hours);
    reply.header('set-cookie', sessionCookie(token, hours * 3600, this.secure(request)));
    return view(key, expiresAt);
  }

  @Get()
  @ApiOkResponse({ type: SessionDto, description: 'Who the request acts as' })
  whoAmI(@Req() request: AuthenticatedRequest): SessionDto {
    const principal = request.principal!;
    return view(principal, principal.sessionExpiresAt);
  }

  @Delete()
  @RequiresRole('viewer')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Signed out: the session ends and its cookie is cleared' })
  async signOut(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const token = sessionToken(request.headers.cookie);
    if (token) await this.sessions.remove(hashSessionToken(token));
    reply.header('set-cookie', clearedSessionCookie(this.secure(request)));
  }
}
