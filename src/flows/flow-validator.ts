import { Inject, Injectable } from '@nestjs/common';
import { AppError, ErrorCode } from '../common/app-error.js';
import { checkUrl, type EgressPolicy } from '../common/egress/egress-policy.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import type { FlowDefinition } from '../engine/flow-definition.js';
import { validateFlow, type FlowProblem } from '../engine/validate-flow.js';
import { PluginRegistry } from '../plugin-host/plugin-registry.js';
import type { FlowDefinitionDto } from './dto/flow-definition.dto.js';

/** Connections arrive with the connectors release; until then a step may not name one. */
function connectionProblems(definition: FlowDefinition): FlowProblem[] {
  return definition.steps.flatMap((step, index) =>
    step.connection === undefined
      ? []
      : [
          {
            path: `steps[${index}].connection`,
            message:
              'connections are not supported yet: remove connection (coming with the connectors release)',
          },
        ],
  );
}

/** SEC-3: a static destination that the egress guard would refuse is a 400 at save time. */
function urlProblems(definition: FlowDefinition, policy: EgressPolicy): FlowProblem[] {
  return definition.steps.flatMap((step, index) => {
    const url = step.action === 'http.request' ? step.input?.url : undefined;
    const problem = typeof url === 'string' ? checkUrl(url, policy) : undefined;
    return problem ? [{ path: `steps[${index}].input.url`, message: problem }] : [];
  });
}

/** Turns a shape-valid DTO into a definition, or a 400 listing every problem with its path. */
@Injectable()
export class FlowValidator {
  constructor(
    private readonly plugins: PluginRegistry,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  check(dto: FlowDefinitionDto): FlowDefinition {
    const definition = JSON.parse(JSON.stringify(dto)) as FlowDefinition;
    const { egressAllowCidrs: allowCidrs, egressAllowHosts: allowHosts } = this.runtime.config;
    const problems = [
      ...validateFlow(definition, this.plugins),
      ...connectionProblems(definition),
      ...urlProblems(definition, { allowCidrs, allowHosts }),
    ];
    if (problems.length > 0) {
      const summary = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
      throw new AppError(ErrorCode.BadRequest, `Flow definition is invalid: ${summary}`, problems);
    }
    return definition;
  }
}
