/**
 * At a high rate a process takes tokens in batches worth this long at the flow's rate (at most
 * a quarter of the burst, at most MAX_BATCH) and spends them without asking the bucket's store
 * (Redis or Postgres); a batch not spent within RESERVE_MS (or HOLD_MS) is dropped. Below 40
 * requests per second a batch is one token.
 */
export const RESERVE_MS = 50;
/**
 * While the bucket is at least half full after a grant, a batch of at most 1 % of the burst is
 * kept this long instead: a quiet catch URL (a request every few seconds, say one of 10,000)
 * then asks the store once per batch, not once per request. The tokens are taken from the
 * shared bucket, so nothing is over-admitted; if other processes drain it meanwhile, they may
 * be refused while this one holds them (at most 1 % of the burst per process).
 */
export const HOLD_MS = 60_000;
const MAX_BATCH = 100;
const MAX_RESERVES = 50_000;

export const batchSize = (perSecond: number, burst: number): number =>
  Math.max(
    1,
    Math.min(Math.floor((perSecond * RESERVE_MS) / 1000), Math.floor(burst / 4), MAX_BATCH),
  );

/**
 * One answer of a bucket's store: the whole tokens granted (at most the number asked; 0 when
 * the bucket had less than one, which then takes one into debt, at most one) and the balance
 * left after it (negative when refused).
 */
export interface Taken {
  granted: number;
  left: number;
}

/** Asks the store for up to `want` tokens; undefined when the store could not answer. */
export type FetchTokens = (want: number) => Promise<Taken | undefined>;

interface Reserve {
  tokens: number;
  until: number;
}

/** For take(): >= 0 when a token was granted, the (negative) balance when refused. */
const outcome = (taken: Taken | undefined): number | undefined =>
  taken && (taken.granted >= 1 ? Math.max(0, taken.left) : taken.left);

/**
 * The tokens one process took from shared buckets and has not spent yet, and the batches being
 * fetched: requests of a bucket that arrive while a batch is on its way wait for it instead of
 * asking too, and the next batch asks for at least as many tokens as requests are waiting, so
 * concurrent requests share one call to the store. Only granted tokens are ever spent, each
 * once: processes together never admit more than the bucket allows.
 */
export class TokenBatches {
  private readonly reserves = new Map<string, Reserve>();
  private readonly fetching = new Map<string, Promise<Taken | undefined>>();
  /** Requests waiting for a batch, by bucket: the size of the next one. */
  private readonly waiting = new Map<string, number>();

  /** Tokens left (>= 0: allowed), the negative balance (refused), undefined if the store failed. */
  async take(
    bucket: string,
    perSecond: number,
    burst: number,
    fetch: FetchTokens,
  ): Promise<number | undefined> {
    for (;;) {
      const reserve = this.reserves.get(bucket);
      if (reserve && reserve.tokens > 0 && Date.now() < reserve.until) {
        reserve.tokens -= 1;
        return reserve.tokens;
      }
      const pending = this.fetching.get(bucket);
      if (!pending) break;
      // Wait for the batch being fetched; if the bucket was empty, this request is refused too.
      // Counted until it resumes (in the order they came), so a fetch asks for everyone behind it.
      this.count(bucket, 1);
      let taken: Taken | undefined;
      try {
        taken = await pending;
      } finally {
        this.count(bucket, -1);
      }
      if (!taken || taken.granted < 1) return outcome(taken);
    }
    // Enough for this request and every one still waiting for the last batch.
    const want = Math.max(batchSize(perSecond, burst), 1 + (this.waiting.get(bucket) ?? 0));
    // Removed before anyone waiting on it resumes, so a waiter that finds the batch spent
    // fetches the next one.
    const batch = this.fetchBatch(bucket, burst, want, fetch).finally(() =>
      this.fetching.delete(bucket),
    );
    this.fetching.set(bucket, batch);
    return outcome(await batch);
  }

  private count(bucket: string, change: 1 | -1): void {
    const waiting = (this.waiting.get(bucket) ?? 0) + change;
    if (waiting > 0) this.waiting.set(bucket, waiting);
    else this.waiting.delete(bucket);
  }

  /** One call for up to `want` tokens; keeps all but one (the caller's) for the waiters. */
  private async fetchBatch(
    bucket: string,
    burst: number,
    want: number,
    fetch: FetchTokens,
  ): Promise<Taken | undefined> {
    const taken = await fetch(want);
    if (taken && taken.granted > 1) {
      const tokens = taken.granted - 1;
      const plentiful = taken.left >= burst / 2 && tokens <= Math.floor(burst / 100);
      if (this.reserves.size >= MAX_RESERVES) this.reserves.clear();
      this.reserves.set(bucket, {
        tokens,
        until: Date.now() + (plentiful ? HOLD_MS : RESERVE_MS),
      });
    }
    return taken;
  }
}
