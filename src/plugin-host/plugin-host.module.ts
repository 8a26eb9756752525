import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { BUILT_IN_PLUGINS } from '../../plugins/index.js';
import { createEgressClient, type EgressClient } from '../common/egress/egress-client.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { loadExternalPlugins } from './external-plugins.js';
import { PluginRegistry } from './plugin-registry.js';
import { PluginsController } from './plugins.controller.js';

/** Injection token of the egress HttpClient every action receives as `ctx.http`. */
export const EGRESS_HTTP = Symbol('EGRESS_HTTP');

/**
 * The plugin registry (boot-checked: a bad built-in plugin stops the boot with every problem
 * listed; a bad external one from FLOWHUB_PLUGINS is logged and skipped)
 * and the one egress client, opened by FLOWHUB_EGRESS_ALLOW_CIDRS / _HOSTS. Global.
 */
@Global()
@Module({
  controllers: [PluginsController],
  providers: [
    {
      provide: PluginRegistry,
      inject: [RUNTIME],
      useFactory: async (runtime: Runtime) => {
        const taken = new Set(BUILT_IN_PLUGINS.map((plugin) => plugin.name));
        const external = await loadExternalPlugins(runtime.config.plugins, taken);
        const logger = new Logger('Plugins');
        for (const reason of external.skipped)
          logger.error(`Skipped a plugin from FLOWHUB_PLUGINS: ${reason}`);
        for (const plugin of external.plugins)
          logger.log(`Loaded plugin ${plugin.name}@${plugin.version}`);
        return new PluginRegistry([...BUILT_IN_PLUGINS, ...external.plugins]);
      },
    },
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
