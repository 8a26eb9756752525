import { Inject, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { AppError, ErrorCode } from '../common/app-error.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { flattenValidationErrors } from '../common/validation-errors.js';
import { FatalError } from '../engine/step-errors.js';
import { EGRESS_HTTP } from '../plugin-host/plugin-host.module.js';
import { PluginRegistry } from '../plugin-host/plugin-registry.js';
import type { ConnectionDefinition, HttpClient, OAuth2Access } from '@flowhub/plugin-sdk';
import { SecretBox } from '../secrets/secret-box.js';
import type { ConnectionEntity } from './connection.entity.js';
import type { CreateConnectionDto, UpdateConnectionDto } from './connection.dto.js';
import { ConnectionsRepository } from './connections.repository.js';
import { endpointProblems, secretsToRepeat, type FieldProblem } from './endpoint-fields.js';
import { OAuthTokens } from './oauth-tokens.service.js';

export const secretContext = (id: string, field: string) => `connection:${id}:${field}`;
const notFound = (ref: string) => new AppError(ErrorCode.NotFound, `No connection '${ref}'`);
const invalidFields = (details: FieldProblem[]) =>
  new AppError(
    ErrorCode.BadRequest,
    `Connection fields are invalid: ${details.map((d) => d.message).join('; ')}`,
    details,
  );

@Injectable()
export class ConnectionsService {
  constructor(
    private readonly connections: ConnectionsRepository,
    private readonly plugins: PluginRegistry,
    private readonly secrets: SecretBox,
    @Inject(EGRESS_HTTP) private readonly http: HttpClient,
    private readonly tokens: OAuthTokens,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  /** Endpoint fields outside the plugin's hosts (and FLOWHUB_EGRESS_ALLOW_HOSTS). */
  endpointProblems(definition: ConnectionDefinition, fields: Record<string, unknown>) {
    return endpointProblems(definition, fields, this.runtime.config.egressAllowHosts);
  }

  /** The plugin's connection definition; 400 for an unknown plugin or one without connections. */
  definitionOf(pluginName: string): ConnectionDefinition {
    const plugin = this.plugins.getPlugin(pluginName);
    if (!plugin) {
      const names = this.plugins
        .plugins()
        .map((p) => p.name)
        .join(', ');
      throw new AppError(
        ErrorCode.BadRequest,
        `unknown plugin '${pluginName}' (installed: ${names})`,
        [{ path: 'plugin', message: `unknown plugin '${pluginName}'` }],
      );
    }
    if (!plugin.connection) {
      throw new AppError(ErrorCode.BadRequest, `plugin '${pluginName}' takes no connection`, [
        { path: 'plugin', message: `plugin '${pluginName}' takes no connection` },
      ]);
    }
    return plugin.connection;
  }

  /** Checks every field against the plugin's connection class; 400 listing each problem. */
  private async checkFields(definition: ConnectionDefinition, fields: Record<string, unknown>) {
    const errors = await validate(plainToInstance(definition.fields, fields) as object, {
      whitelist: true,
      forbidNonWhitelisted: true,
    });
    const details = [
      ...flattenValidationErrors(errors).map((d) => ({ ...d, path: `fields.${d.path}` })),
      ...(errors.length === 0 ? this.endpointProblems(definition, fields) : []),
    ];
    if (details.length > 0) throw invalidFields(details);
  }

  private seal(id: string, definition: ConnectionDefinition, fields: Record<string, unknown>) {
    const secretNames = new Set(definition.secretFields ?? []);
    const clear: Record<string, unknown> = {};
    const sealed: Record<string, string> = {};
    for (const [name, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      if (secretNames.has(name)) {
        // null removes a secret (e.g. when the auth kind changes)
        if (value !== null)
          sealed[name] = this.secrets.encrypt(String(value), secretContext(id, name));
      } else clear[name] = value;
    }
    return { fields: clear, secrets: sealed };
  }

  /** Clear fields plus decrypted secrets: only for running steps and connection tests. */
  reveal(entity: ConnectionEntity): Record<string, unknown> {
    const revealed: Record<string, unknown> = { ...entity.fields };
    for (const [name, sealed] of Object.entries(entity.secrets)) {
      revealed[name] = this.secrets.decrypt(sealed, secretContext(entity.id, name));
    }
    return revealed;
  }

  async create(dto: CreateConnectionDto): Promise<ConnectionEntity> {
    const definition = this.definitionOf(dto.plugin);
    await this.checkFields(definition, dto.fields);
    if (await this.connections.findByName(dto.name)) {
      throw new AppError(ErrorCode.Conflict, `A connection named '${dto.name}' already exists`);
    }
    const id = randomUUID();
    return this.connections.save({
      id,
      name: dto.name,
      plugin: dto.plugin,
      ...this.seal(id, definition, dto.fields),
    });
  }

  list(): Promise<ConnectionEntity[]> {
    return this.connections.list();
  }

  async get(ref: string): Promise<ConnectionEntity> {
    const found = await this.connections.findByRef(ref);
    if (!found) throw notFound(ref);
    return found;
  }

  async update(ref: string, dto: UpdateConnectionDto): Promise<ConnectionEntity> {
    const entity = await this.get(ref);
    const definition = this.definitionOf(entity.plugin);
    if (dto.name && dto.name !== entity.name && (await this.connections.findByName(dto.name))) {
      throw new AppError(ErrorCode.Conflict, `A connection named '${dto.name}' already exists`);
    }
    const stored = this.reveal(entity);
    const repeat = secretsToRepeat(
      definition,
      Object.keys(entity.secrets),
      entity.fields,
      dto.fields ?? {},
    );
    if (repeat.length > 0) throw invalidFields(repeat);
    const fields = { ...stored, ...(dto.fields ?? {}) };
    await this.checkFields(definition, fields);
    const saved = await this.connections.save({
      ...entity,
      name: dto.name ?? entity.name,
      ...this.seal(entity.id, definition, fields),
    });
    // New credentials: the cached access token belonged to the old ones.
    if (dto.fields) await this.tokens.forget(entity.id);
    return saved;
  }

  async remove(ref: string): Promise<void> {
    const entity = await this.get(ref);
    const flows = await this.connections.flowsUsing(entity);
    if (flows.length > 0) {
      throw new AppError(
        ErrorCode.Conflict,
        `Connection '${entity.name}' is used by flows: ${flows.join(', ')}; change those flows first`,
      );
    }
    await this.connections.remove(entity.id);
  }

  /** Runs the plugin's own connection check (e.g. a token refresh) with the stored credentials. */
  async test(ref: string): Promise<{ ok: boolean; message?: string }> {
    const entity = await this.get(ref);
    const definition = this.definitionOf(entity.plugin);
    if (!definition.test)
      return {
        ok: true,
        message: `plugin '${entity.plugin}' has no connection test; the fields are valid`,
      };
    const fields = this.reveal(entity);
    const outside = this.endpointProblems(definition, fields);
    if (outside.length > 0) return { ok: false, message: outside.map((p) => p.message).join('; ') };
    try {
      await definition.test({ connection: fields, http: this.http });
      return { ok: true };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  }

  /** What a step's action receives: decrypted fields, and OAuth2 access when the plugin uses it. */
  async forStep(
    ref: string,
    pluginName: string,
  ): Promise<{
    fields: Record<string, unknown>;
    auth?: OAuth2Access;
    /** The decrypted secret fields, for the run record's redaction. */
    secrets: Record<string, string>;
  }> {
    const entity = await this.connections.findByRef(ref);
    if (!entity) {
      throw new FatalError(`connection '${ref}' does not exist (it may have been deleted)`);
    }
    if (entity.plugin !== pluginName) {
      throw new FatalError(
        `connection '${ref}' is for plugin '${entity.plugin}', not '${pluginName}'`,
      );
    }
    const fields = this.reveal(entity);
    const definition = this.definitionOf(pluginName);
    const outside = this.endpointProblems(definition, fields);
    if (outside.length > 0) {
      // Stored before endpoint checks existed: refuse rather than send the secrets there.
      const problems = outside.map((p) => p.message).join('; ');
      throw new FatalError(`connection '${ref}' cannot be used: ${problems}`);
    }
    const { oauth2 } = definition;
    const secrets = Object.fromEntries(
      Object.keys(entity.secrets).map((name) => [name, String(fields[name])]),
    );
    return { fields, secrets, auth: oauth2 && this.tokens.access(entity.id, fields, oauth2) };
  }
}
