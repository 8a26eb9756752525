import { jest } from '@jest/globals';
import { Agent, createServer, request, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { clientErrorHandler, clientErrorReply } from './client-error-handler.js';

function parse(reply: string) {
  const [head, body] = reply.split('\r\n\r\n');
  return { lines: head.split('\r\n'), body: JSON.parse(body) };
}

/** Writes one raw request and resolves with everything the server sent before closing. */
function exchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('utf8')));
    socket.on('error', (error) => reject(new Error(`${error.message} after "${received}"`)));
    socket.on('end', () => resolve(received));
    socket.end(request);
  });
}

describe('clientErrorReply', () => {
  it('answers oversized headers with a JSON 431 that names the limit', () => {
    const { lines, body } = parse(clientErrorReply({ code: 'HPE_HEADER_OVERFLOW' }, 16 * 1024));
    expect(lines[0]).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(lines).toContain('Content-Type: application/json; charset=utf-8');
    expect(lines).toContain('Connection: close');
    expect(body).toEqual({
      statusCode: 431,
      error: 'Request Header Fields Too Large',
      message: 'Request headers exceed 16 KB: send smaller headers',
    });
    expect(parse(clientErrorReply({ code: 'HPE_HEADER_OVERFLOW' }, 32 * 1024)).body.message).toBe(
      'Request headers exceed 32 KB: send smaller headers',
    );
  });

  it('answers other parse errors with a JSON 400 naming the error, timeouts with 408', () => {
    const reply = clientErrorReply({ code: 'HPE_INVALID_METHOD' });
    const { lines, body } = parse(reply);
    expect(lines[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Malformed HTTP request (HPE_INVALID_METHOD): send a valid HTTP/1.1 request',
    });
    expect(lines).toContain(`Content-Length: ${Buffer.byteLength(reply.split('\r\n\r\n')[1])}`);
    expect(parse(clientErrorReply({ code: 'ERR_HTTP_REQUEST_TIMEOUT' })).body.statusCode).toBe(408);
  });
});

describe('clientErrorHandler', () => {
  const fakeSocket = (state: Partial<Socket> = {}) => {
    const socket = {
      destroyed: false,
      writable: true,
      writableEnded: false,
      end: jest.fn(),
      destroy: jest.fn(),
      once: jest.fn(),
      ...state,
    };
    return socket as typeof socket & Socket;
  };

  it('replies once, ends the socket and leaves a reset connection alone', () => {
    const socket = fakeSocket();
    clientErrorHandler({ code: 'HPE_HEADER_OVERFLOW' }, socket);
    expect(socket.end).toHaveBeenCalledWith(expect.stringMatching(/^HTTP\/1\.1 431 /));
    expect(socket.destroy).not.toHaveBeenCalled();
    const ended = fakeSocket({ writableEnded: true });
    clientErrorHandler({ code: 'HPE_HEADER_OVERFLOW' }, ended);
    const reset = fakeSocket();
    clientErrorHandler({ code: 'ECONNRESET' }, reset);
    for (const untouched of [ended, reset]) {
      expect(untouched.end).not.toHaveBeenCalled();
      expect(untouched.destroy).not.toHaveBeenCalled();
    }
  });

  it('destroys without writing when a response is already on its way', () => {
    const socket = fakeSocket({ _httpMessage: { headersSent: true } } as Partial<Socket>);
    clientErrorHandler({ code: 'HPE_INVALID_METHOD' }, socket);
    expect(socket.end).not.toHaveBeenCalled();
    expect(socket.destroy).toHaveBeenCalled();
  });

  describe('on a real server', () => {
    let server: Server;
    let port: number;
    beforeAll(async () => {
      server = createServer((_request, response) => response.end('ok'));
      server.on('clientError', clientErrorHandler);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));
    const post = (agent: Agent, headers: Record<string, string>) =>
      new Promise<{ status?: number; text: string }>((resolve, reject) => {
        const sent = request(
          { agent, port, host: '127.0.0.1', method: 'POST', headers },
          (reply) => {
            let text = '';
            reply.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
            reply.on('end', () => resolve({ status: reply.statusCode, text }));
          },
        );
        sent.on('error', reject);
        sent.end('{}');
      });

    // Fastify's default handler destroys the socket without 'Connection: close': a keep-alive
    // client then sends its next request on the dead socket and gets ECONNRESET.
    it('lets a keep-alive client read every 431 and go on with a new connection', async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        for (let i = 0; i < 20; i++) {
          const { status, text } = await post(agent, { 'x-big': 'a'.repeat(20_000) });
          expect(status).toBe(431);
          expect(JSON.parse(text).message).toBe(
            'Request headers exceed 16 KB: send smaller headers',
          );
        }
        expect((await post(agent, {})).status).toBe(200);
      } finally {
        agent.destroy();
      }
    });

    it('delivers the 431 while the client is still sending a 2 MB body', async () => {
      const reply = await exchange(
        port,
        `POST / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\nContent-Length: 2000000\r\n\r\n${'b'.repeat(2_000_000)}`,
      );
      expect(parse(reply).body.statusCode).toBe(431);
    });

    it('answers a malformed request line with a JSON 400', async () => {
      const reply = await exchange(port, 'BR@KEN / HTTP/1.1\r\n\r\n');
      expect(parse(reply).body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    });
  });
});
