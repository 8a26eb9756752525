import { route } from '../common/links.js';
import { Inject, Injectable } from '@nestjs/common';
import { AppError, ErrorCode } from '../common/app-error.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { invalidAllowEntries } from '../common/ip-allowlist.js';
import { ConnectionsRepository } from '../connections/connections.repository.js';
import type { FlowDefinition } from '../engine/flow-definition.js';
import { stepSecretNames } from '../engine/secret-references.js';
import { validateFlow, type FlowProblem } from '../engine/validate-flow.js';
import { NamedSecretsService } from '../named-secrets/named-secrets.service.js';
import { PluginRegistry } from '../plugin-host/plugin-registry.js';
import type { FlowDefinitionDto } from './dto/flow-definition.dto.js';
import { destinationProblems, mapLiteralProblems } from './flow-secret-checks.js';
import { staticInputProblems } from './static-input.js';
import { urlInputProblems } from './url-inputs.js';

/** ING-4: every allowlist entry must be an IP or a CIDR range. */
function allowIpProblems(definition: FlowDefinition): FlowProblem[] {
  const entries = definition.trigger.allowIps ?? [];
  return invalidAllowEntries(entries).map((index) => ({
    path: `trigger.allowIps[${index}]`,
    message: `'${entries[index]}' is not an IP address or a CIDR range (e.g. 203.0.113.0/24)`,
  }));
}

/** Turns a shape-valid DTO into a definition, or a 400 listing every problem with its path. */
@Injectable()
export class FlowValidator {
  constructor(
    private readonly plugins: PluginRegistry,
    private readonly connections: ConnectionsRepository,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly namedSecrets: NamedSecretsService,
  ) {}

  /** Every named secret a step uses must exist (the value is read only when the step runs). */
  private async secretProblems(definition: FlowDefinition): Promise<FlowProblem[]> {
    const named = definition.steps.map((step) => stepSecretNames(step));
    const missing = new Set(await this.namedSecrets.missing([...new Set(named.flat())]));
    return named.flatMap((names, index) =>
      names
        .filter((name) => missing.has(name))
        .map((name) => ({
          path: `steps[${index}]`,
          message: `uses secret '${name}', which does not exist: create it with ${route('POST', '/secrets')} (${route('GET', '/secrets')} lists them)`,
        })),
    );
  }

  /** A step names an existing connection of its own plugin, when (and only when) it takes one. */
  private async connectionProblems(definition: FlowDefinition): Promise<FlowProblem[]> {
    const problems: FlowProblem[] = [];
    for (const [index, step] of definition.steps.entries()) {
      const pluginName = step.action.split('.')[0];
      const plugin = this.plugins.getPlugin(pluginName);
      if (!plugin) continue; // reported as an unknown action
      const path = `steps[${index}].connection`;
      if (step.connection === undefined) {
        if (plugin.connection && plugin.connection.optional !== true) {
          problems.push({
            path,
            message: `${step.action} needs a connection: create one for plugin '${pluginName}' with ${route('POST', '/connections')} and name it here`,
          });
        }
        continue;
      }
      if (!plugin.connection) {
        problems.push({ path, message: `plugin '${pluginName}' takes no connection: remove it` });
        continue;
      }
      const found = await this.connections.findByRef(step.connection);
      if (!found)
        problems.push({
          path,
          message: `no connection '${step.connection}' (${route('GET', '/connections')} lists them)`,
        });
      else if (found.plugin !== pluginName) {
        problems.push({
          path,
          message: `connection '${step.connection}' is for plugin '${found.plugin}', not '${pluginName}'`,
        });
      }
    }
    return problems;
  }

  /** Twilio signs the public URL it calls, which only FLOWHUB_PUBLIC_URL can tell (never Host). */
  private twilioProblems(definition: FlowDefinition): FlowProblem[] {
    if (definition.trigger.verify?.preset !== 'twilio' || this.runtime.config.publicUrl) return [];
    return [
      {
        path: 'trigger.verify.preset',
        message:
          'twilio needs FLOWHUB_PUBLIC_URL: Twilio signs the public URL it calls, and Flowhub never trusts Host headers for it',
      },
    ];
  }

  async check(dto: FlowDefinitionDto): Promise<FlowDefinition> {
    const definition = JSON.parse(JSON.stringify(dto)) as FlowDefinition;
    const { egressAllowCidrs: allowCidrs, egressAllowHosts: allowHosts } = this.runtime.config;
    const actionOf = (name: string) => this.plugins.getAction(name)?.action;
    const problems = [
      ...validateFlow(definition, this.plugins),
      ...(await staticInputProblems(definition, this.plugins)),
      ...(await this.connectionProblems(definition)),
      ...(await this.secretProblems(definition)),
      ...mapLiteralProblems(definition, actionOf),
      ...destinationProblems(definition, actionOf, allowHosts),
      ...urlInputProblems(definition, actionOf, { allowCidrs, allowHosts }),
      ...allowIpProblems(definition),
      ...this.twilioProblems(definition),
    ];
    if (problems.length > 0) {
      const summary = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
      throw new AppError(ErrorCode.BadRequest, `Flow definition is invalid: ${summary}`, problems);
    }
    return definition;
  }
}
