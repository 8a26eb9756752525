import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyGuard } from './api-key.guard.js';
import { ApiKeysBootstrap } from './api-keys.bootstrap.js';
import { ApiKeysController } from './api-keys.controller.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { ApiKeysService } from './api-keys.service.js';
import { ConsoleSessionsRepository } from './console-sessions.repository.js';
import { SessionController } from './session.controller.js';

@Module({
  controllers: [ApiKeysController, SessionController],
  providers: [
    ApiKeysRepository,
    ApiKeysService,
    ConsoleSessionsRepository,
    ApiKeysBootstrap,
    { provide: APP_GUARD, useClass: ApiKeyGuard },
  ],
  exports: [ApiKeysService],
})
export class ApiKeysModule {}
