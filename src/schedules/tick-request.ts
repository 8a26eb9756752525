import { randomUUID } from 'node:crypto';
import { SCHEDULE_METHOD, type TickBody } from '../engine/schedule.js';
import type { StoredRequest } from '../runs/stored-request.js';

/**
 * What a scheduled run keeps as its request: no HTTP request, a body with the tick
 * (`$trigger.body.scheduledAt`, also `$trigger.scheduledAt`) and a dedupe key per tick, so a
 * tick stored twice (two schedulers racing past a lock) is one run.
 */
export function tickRequest(scheduledAt: Date, missedTicks: number): StoredRequest {
  const body: TickBody = { scheduledAt: scheduledAt.toISOString(), missedTicks };
  const rawBody = Buffer.from(JSON.stringify(body));
  return {
    id: randomUUID(),
    method: SCHEDULE_METHOD,
    headers: {},
    query: {},
    rawBody,
    body,
    contentType: 'application/json',
    size: rawBody.length,
    sourceIp: null,
    receivedAt: new Date(),
    dedupeKey: `schedule:${body.scheduledAt}`,
  };
}
