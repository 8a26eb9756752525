import { storableJson } from '../database/jsonb-safe.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { OutboxEvent } from './domain-events.js';

/** An outbox row: a durable event recorded with its fact, not yet handed to the subscribers. */
export interface OutboxRow {
  id: string;
  event: OutboxEvent;
}

/**
 * The outbox insert as a sub-statement, for owners that record their fact in one statement:
 * `source` yields `e.name, e.payload` (e.g. outboxRecords(13) with a condition on the
 * statement's other sub-statements). Answers the rows written (outboxRowsOf).
 */
export function outboxInsert(source: string): string {
  return `INSERT INTO event_outbox (name, payload) SELECT e.name, e.payload FROM ${source}
  RETURNING id, name, payload`;
}

/** Parameter `$n` (outboxParam) as rows `e(name, payload, on_finish)`. */
export function outboxRecords(param: number): string {
  return `jsonb_to_recordset($${param}::jsonb) AS e(name text, payload jsonb, on_finish boolean)`;
}

/** The jsonb parameter of outboxInsertSql. */
export function outboxParam(events: (OutboxEvent & { onFinish?: boolean })[]): string {
  // A step's error may hold U+0000 (jsonb refuses it): made U+FFFD, as in the run's own row,
  // so the event can never roll back the transaction of its fact.
  return storableJson(
    events.map((e) => ({ name: e.name, payload: e.payload, on_finish: e.onFinish === true })),
  )!;
}

interface Row {
  id: string;
  name: OutboxEvent['name'];
  payload: OutboxEvent['payload'];
}

export function outboxRowsOf(rows: Row[] | null | undefined): OutboxRow[] {
  return (rows ?? []).map((r) => ({
    id: r.id,
    event: { name: r.name, payload: r.payload } as OutboxEvent,
  }));
}

/** The event_outbox table: rows are written by the facts' owners and deleted once relayed. */
@Injectable()
export class EventOutbox {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records events inside the caller's transaction. */
  async record(manager: EntityManager, events: OutboxEvent[]): Promise<OutboxRow[]> {
    if (events.length === 0) return [];
    const rows: Row[] = await manager.query(outboxInsert(outboxRecords(1)), [outboxParam(events)]);
    return outboxRowsOf(rows);
  }

  async remove(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query('DELETE FROM event_outbox WHERE id = ANY($1::bigint[])', [ids]);
  }

  /**
   * Relays rows older than `graceMs` (their owner's process died before relaying them): each
   * batch is locked, handed to `relay`, and deleted in one transaction, so two sweepers never
   * take the same row. Answers how many rows it relayed.
   */
  async sweep(graceMs: number, limit: number, relay: (rows: OutboxRow[]) => Promise<void>) {
    return this.dataSource.transaction(async (manager) => {
      const rows: Row[] = await manager.query(
        `SELECT id, name, payload FROM event_outbox
         WHERE created_at < now() - $1 * interval '1 millisecond'
         ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [graceMs, limit],
      );
      if (rows.length === 0) return 0;
      await relay(outboxRowsOf(rows));
      await manager.query('DELETE FROM event_outbox WHERE id = ANY($1::bigint[])', [
        rows.map((r) => r.id),
      ]);
      return rows.length;
    });
  }
}
