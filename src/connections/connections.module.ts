import { Module } from '@nestjs/common';
import { ConnectionsController } from './connections.controller.js';
import { ConnectionsRepository } from './connections.repository.js';
import { ConnectionsService } from './connections.service.js';
import { OAuthConnectController } from './oauth-connect.controller.js';
import { OAuthConnect } from './oauth-connect.service.js';
import { OAuthStatesRepository } from './oauth-states.repository.js';
import { OAuthTokens } from './oauth-tokens.service.js';
import { TokenCacheRepository } from './token-cache.repository.js';

@Module({
  controllers: [ConnectionsController, OAuthConnectController],
  providers: [
    ConnectionsRepository,
    TokenCacheRepository,
    OAuthStatesRepository,
    ConnectionsService,
    OAuthTokens,
    OAuthConnect,
  ],
  exports: [ConnectionsService, ConnectionsRepository],
})
export class ConnectionsModule {}
