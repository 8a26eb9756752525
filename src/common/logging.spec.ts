import { pino } from 'pino';
import { loggerOptions, redactHeaders, redactUrl } from './logging.js';

function capture(write: (logger: pino.Logger) => void): string {
  const lines: string[] = [];
  write(pino(loggerOptions('info'), { write: (line: string) => void lines.push(line) }));
  return lines.join('');
}

describe('logging', () => {
  it('never writes credentials from request headers', () => {
    const out = capture((log) =>
      log.info({
        req: {
          headers: { authorization: 'Bearer fh_secret', cookie: 'sid=abc', 'x-api-key': 'k' },
        },
      }),
    );
    expect(out).not.toMatch(/fh_secret|sid=abc|"k"/);
    expect(out).toContain('[redacted]');
  });

  it('blanks secret-named fields at any of the first three levels', () => {
    const out = capture((log) =>
      log.info({
        password: 'p1',
        connection: { clientSecret: 'c1', fields: { refreshToken: 'r1' } },
      }),
    );
    expect(out).not.toMatch(/p1|c1|r1/);
  });

  const ID = '3a700272-a9d9-4ee0-bc86-abbaeb840edf';

  it('removes catch keys and query strings from logged URLs', () => {
    expect(redactUrl(`/webhook/catch/${ID}/abcdef0123?token=x`)).toBe(
      `/webhook/catch/${ID}/[redacted]`,
    );
    expect(redactUrl('/webhook/catch/not-a-uuid/abcdef0123')).toBe('/webhook/catch/[redacted]');
    expect(redactUrl('/api/v1/flows?cursor=abc')).toBe('/api/v1/flows');
  });

  it.each([
    `/Webhook/catch/${ID}/abcdef0123`,
    `//webhook/catch/${ID}/abcdef0123`,
    `/WEBHOOK/CATCH/${ID}/abcdef0123`,
    `/webhook//catch/${ID}/abcdef0123`,
    `/webhook%2Fcatch%2F${ID}%2Fabcdef0123`,
    `/webhook%252fcatch/${ID}%252Fabcdef0123`,
    `/webhook/catch/${ID}%2Fabcdef0123`,
    `/%77ebhook/catch/${ID}/abcdef0123`,
    `/webhook\\catch\\${ID}\\abcdef0123`,
    `/webhook/catch/abcdef0123`,
  ])('redacts the key in %s', (url) => {
    expect(redactUrl(url)).not.toContain('abcdef0123');
    expect(redactUrl(url)).toContain('[redacted]');
  });

  it('redacts credential headers, secret-like names and extra names, case-insensitively', () => {
    const headers = {
      authorization: 'a',
      cookie: 'b',
      'x-webhook-secret': 'c',
      'x-api-key': 'd',
      'x-auth-token': 'e',
      'proxy-authorization': 'f',
      'x-my-signature': 'g',
      'x-partner-key': 'h',
      'x-deliver-pass': 'i',
      'content-type': 'application/json',
    };
    const redacted = redactHeaders(headers, ['X-Deliver-Pass']);
    expect(Object.values(redacted).filter((value) => value === '[redacted]')).toHaveLength(9);
    expect(redacted['content-type']).toBe('application/json');
    expect(redactHeaders({ 'x-deliver-pass': 'i' })['x-deliver-pass']).toBe('i');
  });
});
