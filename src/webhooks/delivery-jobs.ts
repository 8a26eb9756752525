/** A job of QueueName.webhooks: a delivery id and an attempt number. */
export interface DeliveryJobData {
  deliveryId: string;
  attempt: number;
}

/** One job per attempt: enqueuing an attempt twice (sweeper, retries) gives one job. */
export function deliveryJob(deliveryId: string, attempt: number, delay?: number) {
  return {
    name: 'deliver',
    data: { deliveryId, attempt },
    opts: {
      jobId: `delivery-${deliveryId}-${attempt}`,
      delay,
      removeOnComplete: { age: 3600, count: 1000 },
      removeOnFail: { age: 86_400 },
    },
  };
}
