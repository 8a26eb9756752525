import { maxHeaderSize, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';

/** How long a client may keep sending after its error reply before the socket is destroyed. */
const DRAIN_MS = 5_000;

/** The raw HTTP error reply for a request Node's parser refused (before Fastify saw it). */
export function clientErrorReply(error: { code?: string }, headerLimit = maxHeaderSize): string {
  let statusCode = 400;
  let message = `Malformed HTTP request (${error.code ?? 'parse error'}): send a valid HTTP/1.1 request`;
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    statusCode = 431;
    message = `Request headers exceed ${Math.floor(headerLimit / 1024)} KB: send smaller headers`;
  } else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    statusCode = 408;
    message = 'The request did not arrive in time: send the whole request at once';
  }
  const reason = STATUS_CODES[statusCode]!;
  const body = JSON.stringify({ statusCode, error: reason, message });
  return [
    `HTTP/1.1 ${statusCode} ${reason}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/**
 * Fastify's `clientErrorHandler`: a JSON error for requests Node's HTTP parser refuses (431 for
 * oversized headers, 400 otherwise). It ends the socket instead of destroying it, so the rest of
 * the request is still read and the client gets the reply rather than a connection reset.
 */
export function clientErrorHandler(error: { code?: string }, socket: Socket): void {
  // Node calls this again for every further chunk of the refused request: reply once.
  if (error.code === 'ECONNRESET' || socket.destroyed || socket.writableEnded) return;
  const response = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (!socket.writable || response?.headersSent) {
    socket.destroy();
    return;
  }
  socket.end(clientErrorReply(error));
  const timer = setTimeout(() => socket.destroy(), DRAIN_MS).unref();
  socket.once('close', () => clearTimeout(timer));
}
