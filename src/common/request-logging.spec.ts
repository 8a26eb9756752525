import Fastify from 'fastify';
import { pino } from 'pino';
import { registerRequestLogging } from './request-logging.js';

describe('request logging', () => {
  async function logsAt(level: string) {
    const lines: string[] = [];
    const logger = pino({ level }, { write: (line: string) => void lines.push(line) });
    const app = Fastify();
    registerRequestLogging(app, logger);
    app.post('/webhook/catch/:flow/:key', (_request, reply) => reply.code(202).send({}));
    const origin = await app.listen({ port: 0, host: '127.0.0.1' });
    await fetch(`${origin}/webhook/catch/f/secret-key?token=t`, { method: 'POST', body: '{}' });
    await fetch(`${origin}/nowhere`);
    await app.close();
    return lines.map((line) => JSON.parse(line) as { req: { url: string }; res: unknown });
  }

  it('logs each request with the catch key and query string removed', async () => {
    const logged = await logsAt('info');
    expect(logged.map((entry) => entry.res)).toEqual([{ statusCode: 202 }, { statusCode: 404 }]);
    expect(JSON.stringify(logged)).not.toMatch(/secret-key|token=t/);
  });

  it('skips the levels that are off: at warn only the 404 is written', async () => {
    const logged = await logsAt('warn');
    expect(logged.map((entry) => entry.res)).toEqual([{ statusCode: 404 }]);
  });
});
