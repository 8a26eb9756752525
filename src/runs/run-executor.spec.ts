import { compileFlow } from '../engine/compiled-flow.js';
import type { FlowDefinition, StepDefinition } from '../engine/flow-definition.js';
import type { CompiledFlows } from '../flows/compiled-flows.cache.js';
import type { PluginRegistry } from '../plugin-host/plugin-registry.js';
import { MemoryRunStore } from './__tests__/memory-run-store.js';
import { INLINE_STEPS, RunExecutor } from './run-executor.service.js';
import type { RunQueue } from './run-queue.service.js';
import type { StepAttempts } from './step-attempt.service.js';
import type { AttemptOutcome, AttemptRequest } from './step-attempt.types.js';
import { StepOutcomes } from './step-outcomes.service.js';

type Script = (stepId: string, request: AttemptRequest) => AttemptOutcome;

const ok: Script = (stepId, request) => ({
  kind: 'succeeded',
  input: {},
  output: { stepId, saw: Object.keys(request.scope.steps) },
});

/** The executor against an in-memory store, a scripted attempt and a recording queue. */
function harness(steps: Partial<StepDefinition>[], script: Script = ok, filter?: string) {
  const definition: FlowDefinition = {
    name: 'loop',
    trigger: { type: 'webhook', ...(filter ? { filter } : {}) },
    steps: steps.map((s, i) => ({ id: `s${i}`, action: 'core.transform', ...s }) as StepDefinition),
  };
  const flow = compileFlow(definition);
  const store = new MemoryRunStore();
  const attempted: string[] = [];
  const enqueued: { stepId: string; tag: string; delayMs?: number }[] = [];
  const attempts = {
    run: async (request: AttemptRequest) => {
      attempted.push(`${request.step.definition.id}#${request.attempt}`);
      return script(request.step.definition.id, request);
    },
  } as unknown as StepAttempts;
  const queue = {
    step: async (_runId: string, stepId: string, tag: string, delayMs?: number) => {
      enqueued.push({ stepId, tag, delayMs });
    },
  } as unknown as RunQueue;
  const compiled = { get: async () => flow } as unknown as CompiledFlows;
  const registry = { getAction: () => undefined } as unknown as PluginRegistry;
  const executor = new RunExecutor(store, compiled, attempts, new StepOutcomes(registry), queue);
  store.addRun('r1', 'f1');
  return { executor, store, attempted, enqueued };
}

const statuses = (store: MemoryRunStore) => store.rows('r1').map((s) => s.status);

describe('RunExecutor (a plain loop over an in-memory RunStore)', () => {
  it('runs every step in the start job, each seeing the outputs before it, and succeeds once', async () => {
    const { executor, store, attempted, enqueued } = harness([{}, {}, {}]);
    await executor.start('r1', { flowId: 'f1', flowVersion: 1 });
    expect(attempted).toEqual(['s0#1', 's1#1', 's2#1']);
    expect(store.rows('r1')[2].output).toEqual({ stepId: 's2', saw: ['s0', 's1'] });
    expect(store.runs.get('r1')?.status).toBe('succeeded');
    expect(store.events).toEqual([{ name: 'run.succeeded', payload: { runId: 'r1' } }]);
    expect(enqueued).toEqual([]);
  });

  it('hands the step after the inline budget to the queue, and a step job finishes the run', async () => {
    const { executor, store, attempted, enqueued } = harness(Array(INLINE_STEPS + 2).fill({}));
    await executor.start('r1');
    expect(attempted).toHaveLength(INLINE_STEPS);
    expect(enqueued).toEqual([{ stepId: `s${INLINE_STEPS}`, tag: '1', delayMs: undefined }]);
    await executor.executeStep('r1', `s${INLINE_STEPS}`);
    expect(attempted).toHaveLength(INLINE_STEPS + 2);
    expect(store.runs.get('r1')?.status).toBe('succeeded');
  });

  it('records a retryable failure as pending and re-enqueues the next attempt with its delay', async () => {
    let calls = 0;
    const flaky: Script = (stepId, request) =>
      stepId === 's1' && ++calls === 1
        ? { kind: 'failed', error: { retryable: true, message: 'timeout', code: 'TIMEOUT' } }
        : ok(stepId, request);
    const { executor, store, attempted, enqueued } = harness([{}, {}, {}], flaky);
    await executor.start('r1');
    expect(statuses(store)).toEqual(['succeeded', 'pending', 'pending']);
    expect(enqueued).toEqual([{ stepId: 's1', tag: '2', delayMs: expect.any(Number) }]);
    expect(enqueued[0].delayMs).toBeGreaterThan(0);
    await executor.executeStep('r1', 's1');
    expect(attempted).toEqual(['s0#1', 's1#1', 's1#2', 's2#1']);
    expect(store.runs.get('r1')?.status).toBe('succeeded');
  });

  it('fails the run at a step that fails for good: later steps never run, both events once', async () => {
    const broken: Script = (stepId, request) =>
      stepId === 's1'
        ? {
            kind: 'failed',
            error: { retryable: false, message: 'HTTP 400: bad field', code: 'HTTP_400' },
          }
        : ok(stepId, request);
    const { executor, store, attempted } = harness([{}, {}, {}], broken);
    await executor.start('r1');
    expect(attempted).toEqual(['s0#1', 's1#1']);
    expect(statuses(store)).toEqual(['succeeded', 'failed', 'skipped']);
    expect(store.runs.get('r1')).toMatchObject({ status: 'failed', failed_step: 's1' });
    expect(store.events.map((e) => e.name)).toEqual(['step.failed', 'run.failed']);
  });

  it('goes on past a failed step with onError continue, announcing step.failed', async () => {
    const broken: Script = (stepId, request) =>
      stepId === 's0'
        ? { kind: 'failed', error: { retryable: false, message: 'nope', code: 'error' } }
        : ok(stepId, request);
    const { executor, store } = harness([{ onError: 'continue' }, {}], broken);
    await executor.start('r1');
    expect(statuses(store)).toEqual(['failed', 'succeeded']);
    expect(store.events.map((e) => e.name)).toEqual(['step.failed', 'run.succeeded']);
  });

  it('ends a run whose trigger filter is false without a step, and runs nothing twice', async () => {
    const { executor, store, attempted } = harness([{}], ok, '$trigger.body.n > 5');
    await executor.start('r1', { flowId: 'f1', flowVersion: 1 });
    expect(store.runs.get('r1')?.status).toBe('filtered');
    await executor.start('r1');
    await executor.executeStep('r1', 's0');
    expect(attempted).toEqual([]);
    expect(store.events).toEqual([]);
  });

  it('a duplicate step job for a step already done does nothing', async () => {
    const { executor, store, attempted } = harness([{}, {}]);
    await executor.start('r1');
    await executor.executeStep('r1', 's0');
    expect(attempted).toEqual(['s0#1', 's1#1']);
    expect(store.events).toHaveLength(1);
  });
});
