import Fastify from 'fastify';
import { pino } from 'pino';
import { addSensitiveHeaderNames, registerRequestLogging } from './request-logging.js';

describe('request logging', () => {
  async function logsAt(level: string) {
    const lines: string[] = [];
    const logger = pino({ level }, { write: (line: string) => void lines.push(line) });
    const app = Fastify();
    registerRequestLogging(app, logger);
    app.post('/webhook/catch/:flow/:key', (request, reply) => {
      addSensitiveHeaderNames(request, ['X-Deliver-Pass']);
      return reply.code(401).send({});
    });
    const origin = await app.listen({ port: 0, host: '127.0.0.1' });
    await fetch(`${origin}/webhook/catch/f/secret-key?token=t`, {
      method: 'POST',
      body: '{}',
      headers: { 'x-deliver-pass': 'pass-canary', 'x-webhook-secret': 'ws-canary' },
    });
    await fetch(`${origin}/Webhook/catch/f/other-key`, {
      method: 'POST',
      headers: { 'x-deliver-pass': 'unmarked-canary', 'user-agent': 'kept-agent' },
    });
    await fetch(`${origin}/nowhere`);
    await app.close();
    return lines.map((line) => JSON.parse(line) as { req: { url: string }; res: unknown });
  }

  it('logs each request with the catch key and query string removed', async () => {
    const logged = await logsAt('info');
    expect(logged.map((entry) => entry.res)).toEqual([
      { statusCode: 401 },
      { statusCode: 404 },
      { statusCode: 404 },
    ]);
    expect(JSON.stringify(logged)).not.toMatch(
      /secret-key|other-key|token=t|pass-canary|ws-canary|unmarked-canary/,
    );
    expect(JSON.stringify(logged)).toContain('kept-agent');
  });

  it('skips the levels that are off: at error nothing is written', async () => {
    const logged = await logsAt('error');
    expect(logged).toEqual([]);
  });
});
