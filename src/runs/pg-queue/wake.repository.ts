import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { NOTIFY_WAKE } from './pg-queue.sql.js';

/** `postgres` mode's one statement outside the run rows: the NOTIFY that wakes workers. */
@Injectable()
export class WakeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async notify(): Promise<void> {
    await this.dataSource.query(NOTIFY_WAKE);
  }
}
