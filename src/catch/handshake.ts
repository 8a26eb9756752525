import type { TriggerDefinition } from '../engine/flow-definition.js';

/**
 * VER-3: a sender's URL check answered before anything is stored. Slack sends
 * `{"type": "url_verification", "challenge": "…"}` and expects the challenge back; other
 * senders just want a body field `challenge` echoed. Returns the reply body, or undefined.
 */
export function handshakeReply(
  handshake: TriggerDefinition['handshake'],
  body: unknown,
): { challenge: string } | undefined {
  if (!handshake || typeof body !== 'object' || body === null) return undefined;
  const { type, challenge } = body as { type?: unknown; challenge?: unknown };
  if (typeof challenge !== 'string') return undefined;
  if (handshake === 'slack' && type !== 'url_verification') return undefined;
  return { challenge };
}
