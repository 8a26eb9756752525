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
import { ErrorBodyDto } from '../common/error-body.dto.js';
import { JsonBodyGuard } from '../common/json-body.guard.js';
import { Public } from '../common/public.decorator.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { CreateConnectionDto } from './connection.dto.js';
import { OAuthConnect } from './oauth-connect.service.js';

export const OAUTH_CALLBACK_PATH = '/oauth/callback';

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
  @ApiResponse({ status: 302, description: 'To the console page of the new connection' })
  @ApiBadRequestResponse({
    type: ErrorBodyDto,
    description: 'Unknown, used or expired state; the provider refused',
  })
  async callback(
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const connection = await this.connect.finish(query, this.redirectUri(request));
    await reply.redirect(`/connections/${connection.id}?connected=1`, 302);
  }
}
