import { DataSource } from 'typeorm';
import { DomainEvents } from '../../src/events/domain-events.service.js';
import { OutboxSweeper } from '../../src/events/event-outbox.job.js';
import { EventOutbox } from '../../src/events/event-outbox.repository.js';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

/** Issue 17: durable facts reach their subscribers through an outbox written with the fact. */
describe('the domain event outbox', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  let db: DataSource;
  const heard: { name: string; runId: string }[] = [];
  let listening = false;
  /** The outbox's id sequence: how many rows were ever written (rows are deleted once relayed). */
  const lastOutboxId = async () => {
    const [seq] = await db.query('SELECT last_value, is_called FROM event_outbox_id_seq');
    return seq.is_called ? Number(seq.last_value) : 0;
  };

  beforeAll(async () => {
    app = await bootTestApp();
    api = apiClient(app.url!);
    db = app.app.get(DataSource);
    const events = app.app.get(DomainEvents);
    for (const name of ['run.succeeded', 'run.failed', 'step.failed'] as const) {
      events.on(name, ({ runId }) => void heard.push({ name, runId }), { wants: () => listening });
    }
  });
  afterAll(() => app.stop());

  const runOnce = async (steps: unknown[]) => {
    const flow = (
      await api.post('/api/v1/flows', { name: 'Outboxed', trigger: { type: 'webhook' }, steps })
    ).body;
    const { runId } = (await postToCatch(flow.catchUrl, '{"n": 1}')).body;
    return api.waitForRun(runId);
  };

  it('writes no outbox row when no subscriber wants the event', async () => {
    listening = false;
    const before = await lastOutboxId();
    const run = await runOnce([{ id: 'a', action: 'core.transform' }]);
    expect(run.status).toBe('succeeded');
    await app.app.get(DomainEvents).settled();
    expect(await lastOutboxId()).toBe(before);
    expect(heard).toEqual([]);
  });

  it('records a wanted fact with its transition and relays it once, then deletes the row', async () => {
    listening = true;
    const before = await lastOutboxId();
    const run = await runOnce([
      { id: 'a', action: 'core.transform' },
      { id: 'b', action: 'core.transform', map: '$error("no such customer")' },
    ]);
    expect(run.status).toBe('failed');
    await app.app.get(DomainEvents).settled();
    expect(await lastOutboxId()).toBe(before + 2);
    expect(heard.filter((e) => e.runId === run.id)).toEqual([
      { name: 'step.failed', runId: run.id },
      { name: 'run.failed', runId: run.id },
    ]);
    expect(await db.query('SELECT id FROM event_outbox')).toEqual([]);
  });

  it('the sweeper relays a row its process never relayed (it died after the commit)', async () => {
    listening = true;
    const run = await runOnce([{ id: 'a', action: 'core.transform' }]);
    await app.app.get(DomainEvents).settled();
    heard.length = 0;
    // As if the process had committed this row and died before relaying it.
    await db.transaction((m) =>
      app.app.get(EventOutbox).record(m, [{ name: 'run.succeeded', payload: { runId: run.id } }]),
    );
    const sweeper = app.app.get(OutboxSweeper);
    expect(await sweeper.sweep(60_000)).toBe(0); // still in its grace: its own process may relay it
    expect(await sweeper.sweep(0)).toBe(1);
    expect(heard).toEqual([{ name: 'run.succeeded', runId: run.id }]);
    expect(await db.query('SELECT id FROM event_outbox')).toEqual([]);
    expect(await sweeper.sweep(0)).toBe(0);
  });

  it('a subscriber that fails leaves the row for the sweeper', async () => {
    listening = true;
    let failing = true;
    app.app.get(DomainEvents).on(
      'run.succeeded',
      () => {
        if (failing) throw new Error('subscriber down');
      },
      { wants: () => listening },
    );
    const run = await runOnce([{ id: 'a', action: 'core.transform' }]);
    await app.app.get(DomainEvents).settled();
    const left = await db.query('SELECT name, payload FROM event_outbox');
    expect(left).toEqual([{ name: 'run.succeeded', payload: { runId: run.id } }]);
    failing = false;
    expect(await app.app.get(OutboxSweeper).sweep(0)).toBe(1);
    expect(await db.query('SELECT id FROM event_outbox')).toEqual([]);
  });
});
