import { Injectable } from '@nestjs/common';
import { compileFlow, type CompiledFlow } from '../engine/compiled-flow.js';
import type { FlowDefinition } from '../engine/flow-definition.js';
import { AppError, ErrorCode } from '../common/app-error.js';
import { FlowsRepository } from './flows.repository.js';

const MAX_CACHED = 2000;

/**
 * Compiled flows per (flow, version). Versions are immutable, so an entry never goes
 * stale; the map is bounded and drops its oldest entry when full.
 */
@Injectable()
export class CompiledFlows {
  private readonly cache = new Map<string, CompiledFlow>();

  constructor(private readonly flows: FlowsRepository) {}

  remember(flowId: string, version: number, definition: FlowDefinition): CompiledFlow {
    const compiled = compileFlow(definition);
    const key = `${flowId}:${version}`;
    this.cache.set(key, compiled);
    if (this.cache.size > MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
    return compiled;
  }

  async get(flowId: string, version: number): Promise<CompiledFlow> {
    const cached = this.cache.get(`${flowId}:${version}`);
    if (cached) return cached;
    const found = await this.flows.findVersion(flowId, version);
    if (!found) throw new AppError(ErrorCode.NotFound, `Flow ${flowId} has no version ${version}`);
    return this.remember(flowId, version, found.definition);
  }
}
