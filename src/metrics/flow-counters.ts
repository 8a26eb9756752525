import { Counter, type Registry } from 'prom-client';

/**
 * What catch URLs and runs did, as Prometheus counters: the totals always, and the same per
 * flow (a `flow_id` label) only with FLOWHUB_METRICS_PER_FLOW=true, since every flow adds
 * series. Runs finished are counted by the process whose stats rollup took them (every 10 s):
 * sum them across processes.
 */
export class FlowCounters {
  private readonly accepted: Counter;
  private readonly duplicates: Counter;
  private readonly finished: Counter<'status'>;
  private readonly perFlow?: {
    accepted: Counter<'flow_id'>;
    duplicates: Counter<'flow_id'>;
    rejected: Counter<'flow_id' | 'reason'>;
    finished: Counter<'flow_id' | 'status'>;
  };

  constructor(registry: Registry, perFlow: boolean) {
    const counter = <L extends string>(name: string, help: string, labelNames: L[] = []) =>
      new Counter<L>({ name, help, labelNames, registers: [registry] });
    this.accepted = counter('flowhub_catch_accepted_total', 'Requests a catch URL stored');
    this.duplicates = counter(
      'flowhub_catch_duplicates_total',
      "Deliveries a catch URL answered with their dedupe key's first run",
    );
    this.finished = counter('flowhub_runs_finished_total', 'Runs finished, by status', ['status']);
    if (!perFlow) return;
    this.perFlow = {
      accepted: counter('flowhub_flow_catch_accepted_total', 'Requests stored, by flow', [
        'flow_id',
      ]),
      duplicates: counter('flowhub_flow_catch_duplicates_total', 'Duplicate deliveries, by flow', [
        'flow_id',
      ]),
      rejected: counter(
        'flowhub_flow_catch_rejected_total',
        'Refused requests, by flow and reason',
        ['flow_id', 'reason'],
      ),
      finished: counter('flowhub_flow_runs_finished_total', 'Runs finished, by flow and status', [
        'flow_id',
        'status',
      ]),
    };
  }

  acceptedAt(flowId: string): void {
    this.accepted.inc();
    this.perFlow?.accepted.inc({ flow_id: flowId });
  }

  duplicateAt(flowId: string): void {
    this.duplicates.inc();
    this.perFlow?.duplicates.inc({ flow_id: flowId });
  }

  /** The total by reason is flowhub_catch_rejected_total (Metrics.rejected). */
  rejectedAt(flowId: string, reason: string): void {
    this.perFlow?.rejected.inc({ flow_id: flowId, reason });
  }

  runsFinished(flowId: string, status: string, count: number): void {
    this.finished.inc({ status }, count);
    this.perFlow?.finished.inc({ flow_id: flowId, status }, count);
  }
}
