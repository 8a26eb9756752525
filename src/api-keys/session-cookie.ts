import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'flowhub_session';
/** State-changing requests signed in by cookie must send this header (CSRF). */
export const CSRF_HEADER = 'x-flowhub-csrf';

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** The session token from a Cookie header, if any. */
export function sessionToken(cookieHeader: string | string[] | undefined): string | undefined {
  const header = Array.isArray(cookieHeader) ? cookieHeader.join('; ') : (cookieHeader ?? '');
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE && value.length > 0) return value.join('=') || undefined;
  }
  return undefined;
}

/** Set-Cookie for a session: httpOnly, SameSite=Strict, `Secure` over https. */
export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  const attributes = ['HttpOnly', 'SameSite=Strict', 'Path=/', `Max-Age=${maxAgeSeconds}`];
  if (secure) attributes.push('Secure');
  return [`${SESSION_COOKIE}=${token}`, ...attributes].join('; ');
}

/** Set-Cookie that ends the session in the browser. */
export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', 0, secure);
}
