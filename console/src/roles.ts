import type { Session } from './api/client';

export type Role = Session['apiKey']['role'];

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/**
 * What a role may do, as the API enforces it (src/common/roles.ts): a viewer reads, an
 * operator also replays, cancels and pauses/activates flows, an admin does everything.
 * The console hides what the role may not do.
 */
export function can(role: Role, needs: 'operator' | 'admin'): boolean {
  return RANK[role] >= RANK[needs];
}
