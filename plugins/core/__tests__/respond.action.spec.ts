import { registry, runAction } from '../../__tests__/action-context.js';

const problemsOf = async (plain: Record<string, unknown>) => {
  const checked = await registry.validateInput('core.respond', plain);
  return checked.ok ? [] : checked.problems;
};

describe('core.respond', () => {
  it('outputs the reply with its defaults and lower-case header names', async () => {
    expect(await runAction('core.respond', { body: { ok: true } })).toEqual({
      status: 200,
      headers: {},
      body: { ok: true },
    });
    const output = await runAction('core.respond', {
      status: 201,
      headers: { 'X-Request-Id': 'abc' },
      body: 'created',
    });
    expect(output).toEqual({ status: 201, headers: { 'x-request-id': 'abc' }, body: 'created' });
  });

  it('refuses a status, a body or headers it cannot send, saying why', async () => {
    const status = await problemsOf({ status: 99, body: 1 });
    expect(JSON.stringify(status)).toContain('status must be a whole HTTP status code');
    expect(JSON.stringify(await problemsOf({}))).toContain('body is required');
    await expect(
      runAction('core.respond', { headers: { 'Content-Length': '3' }, body: 1 }),
    ).rejects.toThrow('the reply cannot set Content-Length');
    await expect(
      runAction('core.respond', { headers: { 'x-a': 'one\r\nset-cookie: x' }, body: 1 }),
    ).rejects.toThrow('header x-a must be a string on one line');
  });
});
