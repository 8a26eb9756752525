/** Every BullMQ queue Flowhub uses. Job ids use hyphens, never ':'. */
export const QueueName = {
  /** Housekeeping and the health probe; later: the run reconciler. */
  system: 'system',
} as const;

export type QueueName = (typeof QueueName)[keyof typeof QueueName];
