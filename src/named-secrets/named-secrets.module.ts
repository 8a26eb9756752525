import { Global, Module } from '@nestjs/common';
import { LiteralSecrets } from './literal-secrets.service.js';
import { LiteralSecretsBootstrap } from './literal-secrets.bootstrap.js';
import { NamedSecretsController } from './named-secrets.controller.js';
import { NamedSecretsRepository } from './named-secrets.repository.js';
import { NamedSecretsService } from './named-secrets.service.js';

/** Named secrets: the REST resource, and the service flows (save) and the worker (run) use. */
@Global()
@Module({
  controllers: [NamedSecretsController],
  providers: [NamedSecretsRepository, NamedSecretsService, LiteralSecrets, LiteralSecretsBootstrap],
  exports: [NamedSecretsService, LiteralSecrets],
})
export class NamedSecretsModule {}
