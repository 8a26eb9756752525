import type { FastifyReply, FastifyRequest } from 'fastify';
import { CATCH_NOT_FOUND } from './catch-not-found.js';
import { frameworkErrors } from './framework-errors.js';

function answer(url: string, code: string) {
  const sent: { status?: number; body?: Record<string, unknown> } = {};
  const reply = {
    status(status: number) {
      sent.status = status;
      return this;
    },
    send(body: Record<string, unknown>) {
      sent.body = body;
      return this;
    },
  };
  const error = Object.assign(new Error(`'${url}' is bad`), { code });
  frameworkErrors(error, { url } as FastifyRequest, reply as unknown as FastifyReply);
  return sent;
}

describe('frameworkErrors', () => {
  it('answers any refused catch URL with the catch 404, never echoing the path', () => {
    const sent = answer('/webhook/catch/id/secret-key-xyz%E0%A4%A', 'FST_ERR_BAD_URL');
    expect(sent).toEqual({
      status: 404,
      body: { statusCode: 404, error: 'Not Found', message: CATCH_NOT_FOUND },
    });
  });

  it('answers other URLs with 414 or 400 in the error shape, without the path', () => {
    const long = answer(`/api/v1/flows/${'x'.repeat(200)}`, 'FST_ERR_MAX_PARAM_LENGTH');
    expect(long.status).toBe(414);
    expect(long.body).toMatchObject({ statusCode: 414, error: 'URI Too Long' });
    const bad = answer('/api/v1/flows/%E0%A4%A', 'FST_ERR_BAD_URL');
    expect(bad.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'The URL is not valid (bad percent-encoding): check the URL',
    });
    expect(JSON.stringify(long.body) + JSON.stringify(bad.body)).not.toContain('/api/v1');
  });
});
