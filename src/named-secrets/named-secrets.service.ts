import { route } from '../common/links.js';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AppError, ErrorCode } from '../common/app-error.js';
import type { StepDefinition } from '../engine/flow-definition.js';
import { stepSecretNames } from '../engine/secret-references.js';
import { FatalError } from '../engine/step-errors.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { SecretBox } from '../secrets/secret-box.js';
import { NamedSecretsRepository, type NamedSecretRow } from './named-secrets.repository.js';

import { namedSecretContext } from './named-secret-context.js';
import { checkOrigins } from './secret-origins.js';

export { namedSecretContext };

/** The last 4 characters of a long value, to tell secrets apart; nothing of a short one. */
export function hintOf(value: string): string | null {
  return value.length >= 16 ? `…${value.slice(-4)}` : null;
}

/** What POST / PUT store. */
export interface SecretValue {
  value: string;
  description?: string;
  /** The origins the value may be sent to (at least one; bare hosts mean https). */
  hosts: string[];
}

export interface RevealedSecrets {
  values: Record<string, string>;
  /** Secret name -> the origins it is bound to. */
  hosts: Record<string, string[]>;
}

const notFound = (name: string) =>
  new AppError(
    ErrorCode.NotFound,
    `No secret named '${name}' (${route('GET', '/secrets')} lists them; ${route('POST', '/secrets')} creates one)`,
  );

/**
 * Encrypted named secrets. Values are write-only: the API shows names, hints and dates; only
 * the worker reads values (`reveal`), for the steps that name them.
 */
@Injectable()
export class NamedSecretsService {
  constructor(
    private readonly repository: NamedSecretsRepository,
    private readonly box: SecretBox,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  /**
   * The origins to store, or a 400 naming each entry that is not one. `cleartext` (literals
   * moved out of stored versions) keeps an http:// origin the flow already sent to; the
   * egress client of the step still refuses it unless the operator allows the host.
   */
  origins(hosts: readonly string[], cleartext = false): string[] {
    const allow = cleartext ? 'any' : this.runtime.config.egressAllowHosts;
    const { origins, problems } = checkOrigins(hosts, allow);
    if (problems.length > 0) {
      const summary = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
      throw new AppError(ErrorCode.BadRequest, `Invalid hosts: ${summary}`, problems);
    }
    if (origins.length === 0) {
      const message = 'hosts must list at least one origin, e.g. https://erp.example.com';
      throw new AppError(ErrorCode.BadRequest, message, [{ path: 'hosts', message }]);
    }
    return origins;
  }

  list(): Promise<NamedSecretRow[]> {
    return this.repository.list();
  }

  async get(name: string): Promise<NamedSecretRow> {
    const found = await this.repository.find(name);
    if (!found) throw notFound(name);
    return found;
  }

  async create(name: string, secret: SecretValue): Promise<NamedSecretRow> {
    if (await this.repository.find(name)) {
      throw new AppError(
        ErrorCode.Conflict,
        `A secret named '${name}' already exists: ${route('PUT', '/secrets/${name}')} replaces its value`,
      );
    }
    return this.store(this.repository.dataSource.manager, name, secret);
  }

  /** Creates or replaces (PUT): the value and the hosts are replaced together. */
  put(name: string, secret: SecretValue): Promise<NamedSecretRow> {
    return this.store(this.repository.dataSource.manager, name, secret);
  }

  /** Stores a value under a name, in the caller's transaction (hosts checked first). */
  store(
    manager: EntityManager,
    name: string,
    secret: SecretValue,
    moved = false,
  ): Promise<NamedSecretRow> {
    const hosts = this.origins(secret.hosts ?? [], moved);
    return this.repository.upsert(manager, {
      id: randomUUID(),
      name,
      value_sealed: this.box.encrypt(secret.value, namedSecretContext(name)),
      hint: hintOf(secret.value),
      description: secret.description ?? null,
      hosts,
    });
  }

  /** The value stored under `name` in this transaction, if any (for moving literals). */
  async valueIn(manager: EntityManager, name: string): Promise<string | undefined> {
    return (await this.storedIn(manager, name))?.value;
  }

  /** The value and origins stored under `name` in this transaction, if any. */
  async storedIn(
    manager: EntityManager,
    name: string,
  ): Promise<{ value: string; hosts: string[] } | undefined> {
    const row = await this.repository.find(name, manager);
    if (!row) return undefined;
    return {
      value: this.box.decrypt(row.value_sealed, namedSecretContext(name)),
      hosts: row.hosts,
    };
  }

  async remove(name: string): Promise<void> {
    await this.get(name);
    const users = await this.flowsUsing(name);
    if (users.length > 0) {
      throw new AppError(
        ErrorCode.Conflict,
        `Secret '${name}' is used by flows: ${users.join(', ')}; change those flows first`,
      );
    }
    await this.repository.remove(name);
  }

  private async flowsUsing(name: string): Promise<string[]> {
    const flows = await this.repository.currentDefinitions();
    return flows
      .filter(({ definition }) =>
        ((definition.steps ?? []) as StepDefinition[]).some((step) =>
          stepSecretNames(step).includes(name),
        ),
      )
      .map((flow) => flow.name);
  }

  /** The names among `names` that do not exist. */
  async missing(names: string[]): Promise<string[]> {
    const found = new Set((await this.repository.findMany(names)).map((row) => row.name));
    return names.filter((name) => !found.has(name));
  }

  /** Decrypted values for a step (worker only), with the origins each is bound to. */
  async reveal(names: string[]): Promise<RevealedSecrets> {
    const rows = await this.repository.findMany(names);
    const values: Record<string, string> = {};
    const hosts: Record<string, string[]> = {};
    for (const row of rows) {
      values[row.name] = this.box.decrypt(row.value_sealed, namedSecretContext(row.name));
      hosts[row.name] = row.hosts;
    }
    const absent = names.filter((name) => !Object.hasOwn(values, name));
    if (absent.length > 0) {
      throw new FatalError(
        `secret${absent.length > 1 ? 's' : ''} ${absent.map((n) => `'${n}'`).join(', ')} ` +
          `do not exist (they may have been deleted): create them with ${route('POST', '/secrets')}`,
      );
    }
    return { values, hosts };
  }
}
