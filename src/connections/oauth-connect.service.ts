import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import type { HttpClient, OAuth2Authorization } from '@flowhub/plugin-sdk';
import { AppError, ErrorCode } from '../common/app-error.js';
import { EGRESS_HTTP } from '../plugin-host/plugin-host.module.js';
import { SecretBox } from '../secrets/secret-box.js';
import type { ConnectionEntity } from './connection.entity.js';
import type { CreateConnectionDto } from './connection.dto.js';
import { ConnectionsService } from './connections.service.js';
import { OAuthStatesRepository } from './oauth-states.repository.js';

/** How long the user has to come back from the provider's consent page. */
export const AUTHORIZE_TTL_MINUTES = 10;
const SEAL_CONTEXT = 'oauth-state';

const hashState = (state: string) => createHash('sha256').update(state, 'utf8').digest();

const badRequest = (message: string) => new AppError(ErrorCode.BadRequest, message);

/**
 * "Connect with ...": the authorization-code grant for plugins whose OAuth2 definition has
 * `authorization`. The start fields wait sealed under a random single-use `state`; the
 * callback checks it, exchanges the code, and creates the connection (fields checked and
 * secrets sealed as for any connection).
 */
@Injectable()
export class OAuthConnect {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly states: OAuthStatesRepository,
    private readonly secrets: SecretBox,
    @Inject(EGRESS_HTTP) private readonly http: HttpClient,
  ) {}

  private authorizationOf(plugin: string): OAuth2Authorization {
    const authorization = this.connections.definitionOf(plugin).oauth2?.authorization;
    if (!authorization) {
      throw badRequest(
        `plugin '${plugin}' has no "Connect with" sign-in: create the connection with its fields`,
      );
    }
    return authorization;
  }

  async start(dto: CreateConnectionDto, redirectUri: string) {
    const authorization = this.authorizationOf(dto.plugin);
    const fields = pick(dto.fields, authorization.startFields);
    const definition = this.connections.definitionOf(dto.plugin);
    const outside = this.connections.endpointProblems(definition, fields);
    if (outside.length > 0) throw badRequest(outside.map((p) => p.message).join('; '));
    const state = randomBytes(32).toString('base64url');
    const fieldsSealed = this.secrets.encrypt(JSON.stringify(fields), SEAL_CONTEXT);
    const pending = { plugin: dto.plugin, name: dto.name, fieldsSealed };
    const expiresAt = await this.states.insert(hashState(state), pending, AUTHORIZE_TTL_MINUTES);
    const authorizeUrl = authorization.authorizeUrl({ fields, state, redirectUri });
    return { authorizeUrl, expiresAt: expiresAt.toISOString() };
  }

  async finish(raw: Record<string, unknown>, redirectUri: string): Promise<ConnectionEntity> {
    const query = singleValues(raw);
    if (query.error) throw badRequest(`The provider did not grant access: ${query.error}`);
    if (!query.state || !query.code) {
      throw badRequest('The sign-in came back without code and state: start "Connect" again');
    }
    const pending = await this.states.take(hashState(query.state));
    if (!pending) {
      throw badRequest(
        'This sign-in is unknown, was already used, or took longer than 10 minutes: start "Connect" again',
      );
    }
    const fields = JSON.parse(this.secrets.decrypt(pending.fieldsSealed, SEAL_CONTEXT)) as Record<
      string,
      unknown
    >;
    let granted: Record<string, unknown>;
    try {
      const exchange = this.authorizationOf(pending.plugin).exchange;
      granted = await exchange({ fields, code: query.code, redirectUri, query, http: this.http });
    } catch (error) {
      throw badRequest((error as Error).message);
    }
    const dto = { name: pending.name, plugin: pending.plugin, fields: { ...fields, ...granted } };
    return this.connections.create(dto);
  }
}

/** The query's parameters given once; a repeated one (an array) is left out. */
function singleValues(raw: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(raw).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

function pick(fields: Record<string, unknown>, names: string[]): Record<string, unknown> {
  return Object.fromEntries(
    names.filter((n) => fields[n] !== undefined).map((n) => [n, fields[n]]),
  );
}
