import type { components } from '../../api/schema';

export type Connection = components['schemas']['ConnectionDto'];
export type ConnectionTest = components['schemas']['ConnectionTestDto'];
export type { ConnectionField, Plugin } from '../plugins/types';

/** What the form holds: text for inputs and selects, true/false for checkboxes. */
export type FormValues = Record<string, string | boolean>;
export type FieldErrors = Record<string, string>;
