import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { BUILT_IN_PLUGINS } from '../../plugins/index.js';
import { createEgressClient, type EgressClient } from '../common/egress/egress-client.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { PluginRegistry } from './plugin-registry.js';

/** Injection token of the egress HttpClient every action receives as `ctx.http`. */
export const EGRESS_HTTP = Symbol('EGRESS_HTTP');

/**
 * The plugin registry (boot-checked: a bad plugin stops the boot with every problem listed)
 * and the one egress client, opened by FLOWHUB_EGRESS_ALLOW_CIDRS / _HOSTS. Global.
 */
@Global()
@Module({
  providers: [
    { provide: PluginRegistry, useFactory: () => new PluginRegistry(BUILT_IN_PLUGINS) },
    {
      provide: EGRESS_HTTP,
      inject: [RUNTIME],
      useFactory: (runtime: Runtime): EgressClient =>
        createEgressClient({
          allowCidrs: runtime.config.egressAllowCidrs,
          allowHosts: runtime.config.egressAllowHosts,
        }),
    },
  ],
  exports: [PluginRegistry, EGRESS_HTTP],
})
export class PluginHostModule implements OnApplicationShutdown {
  constructor(@Inject(EGRESS_HTTP) private readonly egress: EgressClient) {}

  onApplicationShutdown(): void {
    this.egress.close();
  }
}
