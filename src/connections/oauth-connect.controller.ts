import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiProperty,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { API_PREFIX } from '../common/api-prefix.js';
import { AppError } from '../common/app-error.js';
import { ErrorBodyDto } from '../common/error-body.dto.js';
import { JsonBodyGuard } from '../common/json-body.guard.js';
import { Public } from '../common/public.decorator.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { CreateConnectionDto } from './connection.dto.js';
import type { ConnectionEntity } from './connection.entity.js';
import { OAuthConnect } from './oauth-connect.service.js';

export const OAUTH_CALLBACK_PATH = '/oauth/callback';

/** Where the callback sends the browser: the console's connections page, with the outcome. */
export function consoleReturn(outcome: { connected: string } | { connectError: string }): string {
  const [name, value] =
    'connected' in outcome
      ? ['connected', outcome.connected]
      : ['connectError', outcome.connectError];
  return `/connections?${new URLSearchParams({ [name]: value })}`;
}

/** A browser's navigation (it asks for HTML), not an API client: it gets redirects, not JSON. */
const isBrowser = (request: FastifyRequest) =>
  /\btext\/html\b/.test(String(request.headers.accept ?? ''));

class AuthorizationDto {
  @ApiProperty({ description: "Send the user here (the provider's consent page)" })
  authorizeUrl: string;
  @ApiProperty({ format: 'date-time', description: 'The sign-in must come back before this' })
  expiresAt: string;
}

/** "Connect with ...": start at the API, come back at FLOWHUB_PUBLIC_URL/oauth/callback. */
@ApiTags('connections')
@UseGuards(JsonBodyGuard)
@Controller()
export class OAuthConnectController {
  constructor(
    private readonly connect: OAuthConnect,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  /** Where the provider sends the user back: FLOWHUB_PUBLIC_URL, else this request's origin. */
  private redirectUri(request: FastifyRequest): string {
    const origin = this.runtime.config.publicUrl ?? `${request.protocol}://${request.host}`;
    return `${origin}${OAUTH_CALLBACK_PATH}`;
  }

  @Post(`${API_PREFIX}/connections/authorize`)
  @ApiBearerAuth()
  @HttpCode(200)
  @ApiOkResponse({ type: AuthorizationDto })
  @ApiBadRequestResponse({
    type: ErrorBodyDto,
    description: 'No such sign-in for the plugin, or an endpoint outside its hosts',
  })
  start(
    @Body() body: CreateConnectionDto,
    @Req() request: FastifyRequest,
  ): Promise<AuthorizationDto> {
    return this.connect.start(body, this.redirectUri(request));
  }

  @Get(OAUTH_CALLBACK_PATH.slice(1))
  @Public()
  @ApiResponse({
    status: 302,
    description:
      "To the console's /connections?connected=<id>; a browser (Accept: text/html) is also sent back on failure, to /connections?connectError=<message>",
  })
  @ApiBadRequestResponse({
    type: ErrorBodyDto,
    description: 'Unknown, used or expired state; the provider refused (clients that ask for JSON)',
  })
  async callback(
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    let connection: ConnectionEntity;
    try {
      connection = await this.connect.finish(query, this.redirectUri(request));
    } catch (error) {
      if (!(error instanceof AppError) || !isBrowser(request)) throw error;
      await reply.redirect(consoleReturn({ connectError: error.message }), 302);
      return;
    }
    await reply.redirect(consoleReturn({ connected: connection.id }), 302);
  }
}
