import { Global, Module } from '@nestjs/common';
import { DomainEvents } from './domain-events.service.js';
import { OutboxSweeper } from './event-outbox.job.js';
import { EventOutbox } from './event-outbox.repository.js';

/** The domain event map and its outbox, global so owners and subscribers need not import each other. */
@Global()
@Module({
  providers: [DomainEvents, EventOutbox, OutboxSweeper],
  exports: [DomainEvents, EventOutbox],
})
export class EventsModule {}
