import { Injectable } from '@nestjs/common';
import { AppError, ErrorCode } from '../common/app-error.js';
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

/** Turns a shape-valid DTO into a definition, or a 400 listing every problem with its path. */
@Injectable()
export class FlowValidator {
  constructor(private readonly plugins: PluginRegistry) {}

  check(dto: FlowDefinitionDto): FlowDefinition {
    const definition = JSON.parse(JSON.stringify(dto)) as FlowDefinition;
    const problems = [...validateFlow(definition, this.plugins), ...connectionProblems(definition)];
    if (problems.length > 0) {
      const summary = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
      throw new AppError(ErrorCode.BadRequest, `Flow definition is invalid: ${summary}`, problems);
    }
    return definition;
  }
}
