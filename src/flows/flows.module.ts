import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module.js';
import { CatchUrls } from './catch-urls.service.js';
import { CompiledFlows } from './compiled-flows.cache.js';
import { FlowValidator } from './flow-validator.service.js';
import { FlowsController } from './flows.controller.js';
import { FlowsRepository } from './flows.repository.js';
import { FlowsService } from './flows.service.js';

@Module({
  imports: [ConnectionsModule],
  controllers: [FlowsController],
  providers: [FlowsRepository, FlowsService, FlowValidator, CompiledFlows, CatchUrls],
  exports: [FlowsRepository, FlowsService, CompiledFlows, CatchUrls],
})
export class FlowsModule {}
