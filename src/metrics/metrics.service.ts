import { Inject, Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { FlowCounters } from './flow-counters.js';

/**
 * This process's Prometheus metrics. Counters are bumped where things happen (cheap, in
 * memory); gauges of queued work are read from Postgres and the queues when scraped.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly rejected = new Counter({
    name: 'flowhub_catch_rejected_total',
    help: 'Requests a catch URL refused after matching a flow, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly events = new Counter({
    name: 'flowhub_events_total',
    help: 'Events announced to subscriptions (fan-out started), by event',
    labelNames: ['event'] as const,
    registers: [this.registry],
  });

  readonly deliveryAttempts = new Counter({
    name: 'flowhub_webhook_attempts_total',
    help: 'Outgoing webhook delivery attempts, by outcome (succeeded, retry, failed, gone)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly runs = new Gauge({
    name: 'flowhub_runs',
    help: 'Runs not finished yet, by status (read from Postgres when scraped)',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });

  readonly pendingDeliveries = new Gauge({
    name: 'flowhub_webhook_deliveries_pending',
    help: 'Outgoing webhook deliveries waiting for an attempt (read from Postgres when scraped)',
    registers: [this.registry],
  });

  readonly enqueueBacklog = new Gauge({
    name: 'flowhub_run_enqueue_backlog',
    help: 'Start jobs of caught runs added in the background and not yet confirmed by the queue',
    registers: [this.registry],
  });

  readonly leftToReconciler = new Counter({
    name: 'flowhub_runs_left_to_reconciler_total',
    help: 'Caught runs not enqueued at once because the enqueue backlog was full (queue slow or down); the reconciler starts them',
    registers: [this.registry],
  });

  /** Gauges read from the database at each scrape, registered by the module that owns the table. */
  private readonly readers: (() => Promise<void>)[] = [];

  /** Requests and runs, in total and (FLOWHUB_METRICS_PER_FLOW=true) per flow. */
  readonly flows: FlowCounters;

  constructor(@Inject(RUNTIME) runtime: Runtime) {
    collectDefaultMetrics({ register: this.registry, prefix: 'flowhub_' });
    this.flows = new FlowCounters(this.registry, runtime.config.metricsPerFlow);
  }

  onScrape(reader: () => Promise<void>): void {
    this.readers.push(reader);
  }

  /** Every reader; rejects when one failed (the others still ran). */
  async readGauges(): Promise<void> {
    const results = await Promise.allSettled(this.readers.map((read) => read()));
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
  }
}
