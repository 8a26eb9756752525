import { type DynamicModule, Global, Module } from '@nestjs/common';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { SecretBox } from '../secrets/secret-box.js';

/** Makes the boot-time Runtime and its SecretBox injectable everywhere. */
@Global()
@Module({})
export class RuntimeModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: RuntimeModule,
      providers: [
        { provide: RUNTIME, useValue: runtime },
        { provide: SecretBox, useValue: runtime.secretBox },
      ],
      exports: [RUNTIME, SecretBox],
    };
  }
}
