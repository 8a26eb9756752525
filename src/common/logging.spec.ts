import { pino } from 'pino';
import { loggerOptions, redactUrl } from './logging.js';

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

  it('removes catch keys and query strings from logged URLs', () => {
    expect(redactUrl('/webhook/catch/flow-1/abcdef0123?token=x')).toBe(
      '/webhook/catch/flow-1/[redacted]',
    );
    expect(redactUrl('/api/v1/flows?cursor=abc')).toBe('/api/v1/flows');
  });
});
