import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'flowhub:isPublic';

/** Opens a route to callers without an API key (health, docs, catch URLs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
