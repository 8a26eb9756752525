/**
 * @flowhub/plugin-sdk/validators: what an action's input class and a connection's fields are
 * declared with. The host validates with class-validator, transforms with class-transformer
 * and builds GET /plugins' JSON Schemas with class-validator-jsonschema, all from metadata
 * the decorators store in one place: so a plugin takes them from here (the host's copies,
 * peer dependencies of this package), never from its own.
 */
export * from 'class-validator';
export { Exclude, Expose, Transform, Type } from 'class-transformer';
export { JSONSchema } from 'class-validator-jsonschema';
