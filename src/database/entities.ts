import { ApiKeyEntity } from '../api-keys/api-key.entity.js';

/** Every TypeORM entity, listed once for the app and the migration CLI. */
export const ENTITIES = [ApiKeyEntity];
