import { replyOf } from './sync-reply.js';

describe('replyOf', () => {
  it('sends a {status, headers, body} output as it says, without server-owned headers', () => {
    const reply = replyOf({
      status: 201,
      headers: { 'X-Id': '7', 'Content-Length': '999', 'x-bad': 'a\r\nb', 'x-n': 5 },
      body: { id: 7 },
    });
    expect(reply).toEqual({
      status: 201,
      headers: { 'x-id': '7', 'content-type': 'application/json; charset=utf-8' },
      body: { id: 7 },
    });
  });

  it('sends any other output as the JSON body of a 200, and a string as text', () => {
    expect(replyOf({ status: 'ok', total: 3 })).toMatchObject({
      status: 200,
      body: { status: 'ok', total: 3 },
    });
    expect(replyOf({ status: 700, body: 1 }).status).toBe(200);
    expect(replyOf({ status: 200, body: 'pong' }).headers).toEqual({
      'content-type': 'text/plain; charset=utf-8',
    });
    expect(replyOf(undefined)).toMatchObject({ status: 200, body: null });
  });
});
