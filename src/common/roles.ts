import { SetMetadata } from '@nestjs/common';

/**
 * What an API key (or a console session signed in with it) may do: `admin` everything,
 * `operator` read and operate runs and flows (replay, cancel, pause, activate), `viewer` read.
 */
export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const REQUIRED_ROLE = 'flowhub:requiredRole';

/**
 * The least role a route needs. Without it: `viewer` for GET and HEAD, `admin` for anything
 * else, so a new write route is closed to operators and viewers until someone opens it.
 */
export const RequiresRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);

export function defaultRole(method: string): Role {
  return method === 'GET' || method === 'HEAD' ? 'viewer' : 'admin';
}

export function roleAllows(held: Role, needed: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(needed);
}

/** What each role may do, for messages. */
export const ROLE_SCOPE: Record<Role, string> = {
  viewer: 'may only read',
  operator: 'may read, replay and cancel runs, and pause and activate flows',
  admin: 'may do everything',
};
