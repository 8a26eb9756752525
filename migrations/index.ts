// The migration list, oldest first. `npm run migration:generate -- <Name>` appends to it.
import { CreateApiKeys1763888400000 } from './1763888400000-create-api-keys.js';

export const MIGRATIONS = [CreateApiKeys1763888400000];
