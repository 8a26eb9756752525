import { BullModule, getQueueToken, Processor, WorkerHost } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const QUEUE = 'test-slow';
const started: string[] = [];
const finished: string[] = [];

@Processor(QUEUE)
class SlowProcessor extends WorkerHost {
  async process(job: Job<{ ms: number }>) {
    started.push(job.id!);
    await sleep(job.data.ms);
    finished.push(job.id!);
    return { handledBy: 'worker' };
  }
}

@Module({ imports: [BullModule.registerQueue({ name: QUEUE })] })
class ProducerModule {}

@Module({ imports: [BullModule.registerQueue({ name: QUEUE })], providers: [SlowProcessor] })
class WorkerModule {}

async function waitFor(check: () => boolean | Promise<boolean>, what: string, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe('api and worker roles on one database and queue backend', () => {
  let database: TestDatabase;
  let api: TestApp;
  let worker: TestApp;
  const prefix = `t${Date.now().toString(36)}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = { FLOWHUB_QUEUE_PREFIX: prefix };
    api = await bootTestApp(
      { ...env, FLOWHUB_ROLE: 'api' },
      { database, extraModules: [ProducerModule] },
    );
    worker = await bootTestApp(
      { ...env, FLOWHUB_ROLE: 'worker' },
      { database, extraModules: [WorkerModule] },
    );
  });
  afterAll(async () => {
    await api?.stop();
    await worker?.stop();
    await database.drop();
  });

  it('serves HTTP only in the api role', async () => {
    expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(worker.url).toBeUndefined();
    expect((await fetch(`${api.url}/health/ready`)).status).toBe(200);
  });

  it('runs a job queued by the api process in the worker process', async () => {
    const queue = api.app.get<Queue>(getQueueToken(QUEUE));
    const job = await queue.add('work', { ms: 10 }, { jobId: 'job-quick' });
    await waitFor(
      async () => (await queue.getJob(job.id!))?.finishedOn !== undefined,
      'the job result',
    );
    expect((await queue.getJob(job.id!))!.returnvalue).toEqual({ handledBy: 'worker' });
    expect(finished).toContain('job-quick');
  });

  it('drains an active job before the worker shuts down', async () => {
    const queue = api.app.get<Queue>(getQueueToken(QUEUE));
    await queue.add('work', { ms: 800 }, { jobId: 'job-slow' });
    await waitFor(() => started.includes('job-slow'), 'the slow job to start');
    await worker.close();
    expect(finished).toContain('job-slow');
    expect(await (await queue.getJob('job-slow'))!.getState()).toBe('completed');
  });
});
