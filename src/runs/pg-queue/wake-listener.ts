import type { Logger } from '@nestjs/common';
import pg from 'pg';
import { WAKE_CHANNEL } from './pg-queue.sql.js';

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;

/**
 * LISTENs for wake-ups on its own connection (outside the pool: a LISTEN lasts as long as
 * its session). When the connection drops (database restart, a terminated backend) it
 * reconnects with back-off and wakes the worker once connected, for anything notified in
 * between; until then the worker's poll finds the work.
 */
export class WakeListener {
  private client?: pg.Client;
  private retryMs = FIRST_RETRY_MS;
  private retryTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly connectionString: string,
    private readonly onWake: () => void,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.stopped = false;
    void this.connect();
  }

  /** Whether the LISTEN is in place now. */
  get listening(): boolean {
    return this.client !== undefined;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('notification', () => this.onWake());
    client.on('error', () => undefined); // 'end' follows; the reconnect is there
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${WAKE_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      return this.retry(error as Error);
    }
    if (this.stopped) return void client.end().catch(() => undefined);
    this.client = client;
    this.retryMs = FIRST_RETRY_MS;
    this.onWake();
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.retry(new Error('the connection closed'));
  }

  private retry(error: Error): void {
    if (this.stopped) return;
    this.logger.warn(
      `cannot listen for new work (${error.message}); retrying in ${this.retryMs} ms, polling meanwhile`,
    );
    this.retryTimer = setTimeout(() => void this.connect(), this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
  }
}
