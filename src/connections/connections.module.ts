import { TokenCacheRepository } from './token-cache.repository.js';
import { Module } from '@nestjs/common';
import { ConnectionsController } from './connections.controller.js';
import { ConnectionsRepository } from './connections.repository.js';
import { ConnectionsService } from './connections.service.js';
import { OAuthTokens } from './oauth-tokens.service.js';

@Module({
  controllers: [ConnectionsController],
  providers: [ConnectionsRepository, TokenCacheRepository, ConnectionsService, OAuthTokens],
  exports: [ConnectionsService, ConnectionsRepository],
})
export class ConnectionsModule {}
