/** Every BullMQ queue Flowhub uses. Job ids use hyphens, never ':'. */
export const QueueName = {
  /** Housekeeping and the health probe; later: the run reconciler. */
  system: 'system',
  /** Run starts and step attempts: job data is { runId } or { runId, stepId }. */
  runs: 'runs',
  /** Outgoing webhook deliveries: job data is { deliveryId, attempt } (src/webhooks/delivery-jobs.ts). */
  webhooks: 'webhooks',
} as const;

export type QueueName = (typeof QueueName)[keyof typeof QueueName];
