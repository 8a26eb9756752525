import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

/** CHAOS_SCALE scales every count and rate-driven duration (1 = the full size). */
export const SCALE = Number(process.env.CHAOS_SCALE ?? 1);
export const scaled = (count: number, minimum = 20) => Math.max(minimum, Math.round(count * SCALE));

export interface PostResult {
  n: number;
  /**
   * Status of the last answer (0: no answer); earlier 503s are in `refused`. 200 is a
   * duplicate: a retry of a delivery already stored (its first answer was lost or a 503).
   */
  status: number;
  runId?: string;
  /** 503s (with their Retry-After) answered before the final status. */
  refused: { at: number; retryAfter: string | null }[];
  /** Other answers before the final one (e.g. connection refused: status 0). */
  errors: string[];
  /** Every attempt: when it was sent, when it was answered, and the status (0: no answer). */
  attempts: { sentAt: number; at: number; status: number }[];
  firstAt: number;
  acceptedAt?: number;
}

export interface PostOptions {
  count: number;
  perSecond: number;
  /** Retry a 503 (and a refused connection) like a sender would: after Retry-After, at most this often. */
  retries?: number;
  /** Cap on the wait between retries (the answer's Retry-After is 5 s). */
  maxRetryWaitMs?: number;
  onPosted?: (done: number) => void;
}

async function postOnce(url: string, body: string, deliveryId: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [DELIVERY_HEADER]: deliveryId },
    body,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let runId: string | undefined;
  try {
    runId = (JSON.parse(text) as { runId?: string }).runId;
  } catch {
    // not JSON: keep the status
  }
  return { status: response.status, runId, retryAfter: response.headers.get('retry-after') };
}

/** Each post carries a delivery id, like Shopify's or GitHub's; the flow dedupes on it. */
export const DELIVERY_HEADER = 'x-delivery-id';

/** Posts `{n}` bodies to a catch URL at a steady rate (each post on its own schedule). */
export async function postAtRate(catchUrl: string, options: PostOptions): Promise<PostResult[]> {
  const started = Date.now();
  const retries = options.retries ?? 0;
  const batch = randomBytes(4).toString('hex');
  let done = 0;
  const one = async (n: number): Promise<PostResult> => {
    await sleep(Math.max(0, started + (n * 1000) / options.perSecond - Date.now()));
    const result: PostResult = {
      n,
      status: 0,
      refused: [],
      errors: [],
      attempts: [],
      firstAt: Date.now(),
    };
    for (let attempt = 0; ; attempt += 1) {
      let answer: Awaited<ReturnType<typeof postOnce>> | undefined;
      const sentAt = Date.now();
      try {
        answer = await postOnce(catchUrl, JSON.stringify({ n }), `${batch}-${n}`);
      } catch (error) {
        result.errors.push((error as Error).message);
      }
      result.attempts.push({ sentAt, at: Date.now(), status: answer?.status ?? 0 });
      if (answer?.status === 202 || (answer?.status === 200 && answer.runId)) {
        Object.assign(result, {
          status: answer.status,
          runId: answer.runId,
          acceptedAt: Date.now(),
        });
        break;
      }
      if (answer?.status === 503)
        result.refused.push({ at: Date.now(), retryAfter: answer.retryAfter });
      else if (answer) result.errors.push(`status ${answer.status}`);
      result.status = answer?.status ?? 0;
      const retryable = !answer || answer.status === 503;
      if (!retryable || attempt >= retries) break;
      const wait = Number(answer?.retryAfter ?? 1) * 1000;
      await sleep(Math.min(wait, options.maxRetryWaitMs ?? wait));
    }
    options.onPosted?.((done += 1));
    return result;
  };
  return Promise.all(Array.from({ length: options.count }, (_, n) => one(n)));
}

/** A status histogram, e.g. {202: 1998, 503: 2}. */
export function histogram(values: number[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
