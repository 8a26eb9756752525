import type { ReplayPlan } from '../replay-plan.js';

/** The statements that give a replay's run its step rows (RunLifecycle.insertReplay). */

/** A replay's reused steps: copied as recorded (at their position in the target version). */
export const REPLAY_COPY_STEPS = `
INSERT INTO run_steps (run_id, step_id, position, action, status, idempotency_key, input, output, error,
                       error_code, reason, warnings, sample_output, history, started_at, finished_at)
SELECT $1::uuid, o.step_id, p.position, o.action, o.status, o.idempotency_key, o.input, o.output, o.error,
       o.error_code, o.reason, o.warnings, o.sample_output, '[]'::jsonb, o.started_at, o.finished_at
FROM jsonb_to_recordset($3::jsonb) AS p(step_id text, position int)
JOIN run_steps o ON o.run_id = $2::uuid AND o.step_id = p.step_id`;

/** A replay's steps to run: pending, with the key the plan gives each. */
export const REPLAY_PENDING_STEPS = `
INSERT INTO run_steps (run_id, step_id, position, action, status, idempotency_key)
SELECT $1::uuid, p.step_id, p.position, p.action, 'pending', p.key
FROM jsonb_to_recordset($2::jsonb) AS p(step_id text, position int, action text, key text)`;

/** The plan's reused (or to-run) steps as the jsonb those statements read. */
export function replayRows(plan: ReplayPlan, reuse: boolean): string {
  const rows = plan.steps.filter((step) => step.reuse === reuse);
  return JSON.stringify(
    rows.map((s) => ({
      step_id: s.stepId,
      position: s.position,
      action: s.action,
      key: s.idempotencyKey,
    })),
  );
}
