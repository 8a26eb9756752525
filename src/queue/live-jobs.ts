/** Job ids are `run-<runId>-start[-<suffix>]` and `run-<runId>-step-<stepId>-<tag>` (runs/run-queue.service.ts). */
const RUN_ID_LENGTH = 36;
/** Tags RunExecutor and the reconciler use: `<attempt>`, `<attempt>-r<bucket>`, `wake-<attempt>`. */
const STEP_TAG = /^(\d+(-r\d+)?|wake-\d+)$/;

export interface LiveJobs {
  hasStep(runId: string, stepId: string): boolean;
  hasStart(runId: string): boolean;
}

/** Indexes the ids of live jobs (waiting, delayed, active...) by run. */
export function liveJobIndex(ids: string[]): LiveJobs {
  const byRun = new Map<string, string[]>();
  for (const id of ids) {
    if (!id.startsWith('run-')) continue;
    const runId = id.slice(4, 4 + RUN_ID_LENGTH);
    const rest = id.slice(5 + RUN_ID_LENGTH);
    byRun.set(runId, [...(byRun.get(runId) ?? []), rest]);
  }
  return {
    hasStep: (runId, stepId) =>
      (byRun.get(runId) ?? []).some(
        (rest) =>
          rest.startsWith(`step-${stepId}-`) && STEP_TAG.test(rest.slice(stepId.length + 6)),
      ),
    hasStart: (runId) =>
      (byRun.get(runId) ?? []).some((rest) => rest === 'start' || rest.startsWith('start-')),
  };
}
