import type { components } from '../../api/schema';

export type Plugin = components['schemas']['PluginDto'];
export type Action = components['schemas']['ActionEntryDto'];
export type ConnectionField = components['schemas']['ConnectionFieldEntryDto'];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonSchema = Record<string, any>;
