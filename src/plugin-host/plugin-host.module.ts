import { Global, Module } from '@nestjs/common';
import { BUILT_IN_PLUGINS } from '../../plugins/index.js';
import { createEgressClient } from '../common/egress/egress-client.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { PluginRegistry } from './plugin-registry.js';

/** Injection token of the egress HttpClient every action receives as `ctx.http`. */
export const EGRESS_HTTP = Symbol('EGRESS_HTTP');

@Global()
@Module({
  providers: [
    { provide: PluginRegistry, useFactory: () => new PluginRegistry(BUILT_IN_PLUGINS) },
    {
      provide: EGRESS_HTTP,
      inject: [RUNTIME],
      useFactory: (runtime: Runtime) =>
        createEgressClient({
          allowCidrs: runtime.config.egressAllowCidrs,
          allowHosts: runtime.config.egressAllowHosts,
        }),
    },
  ],
  exports: [PluginRegistry, EGRESS_HTTP],
})
export class PluginHostModule {}
