// The built-in plugins, checked at boot by PluginRegistry (src/plugin-host/).
// Adding a connector = a new folder + one line here.
import type { PluginDefinition } from '@flowhub/plugin-sdk';
import { core } from './core/index.js';
import { http } from './http/index.js';
import { zohoCrm } from './zoho-crm/index.js';
import { zohoInventory } from './zoho-inventory/index.js';

export const BUILT_IN_PLUGINS: PluginDefinition[] = [core, http, zohoCrm, zohoInventory];
