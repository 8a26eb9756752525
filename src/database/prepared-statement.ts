import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * A hot-path statement that PostgreSQL parses and plans once per connection, not on every
 * call: node-postgres prepares a statement with a `name` the first time a connection runs it
 * and then only binds parameters. Planning the run path's CTEs cost about as much server CPU
 * as running them. Only for statements that find their rows by primary key: after five runs
 * PostgreSQL may keep one generic plan per connection until the table's statistics change, so
 * a statement whose best plan depends on a table's size (the catch insert reads `flows`) stays
 * unprepared. Columns are always listed, never `*`: a prepared plan must not change its result
 * type when a migration adds a column. (A pooler in front of PostgreSQL must support
 * protocol-level prepared statements: PgBouncer 1.21 or later, or session mode.)
 */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

export function prepared(name: string, text: string): PreparedStatement {
  return { name: `flowhub_${name}`, text };
}

export interface PreparedResult<Row> {
  rows: Row[];
  /** Rows the statement inserted, updated or returned. */
  rowCount: number;
}

/** Runs `statement` on the data source's own pool (the same connections TypeORM uses). */
export async function queryPrepared<Row>(
  dataSource: DataSource,
  statement: PreparedStatement,
  values: unknown[],
): Promise<PreparedResult<Row>> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  const result = await pool.query({ name: statement.name, text: statement.text, values });
  return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
}
