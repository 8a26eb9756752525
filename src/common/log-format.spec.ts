import { pino } from 'pino';
import { formatLogLine, prettyDestination, resolveLogFormat } from './log-format.js';
import { loggerOptions } from './logging.js';

describe('resolveLogFormat', () => {
  it('gives pretty on a terminal and JSON elsewhere for auto', () => {
    expect(resolveLogFormat('auto', true)).toBe('pretty');
    expect(resolveLogFormat('auto', false)).toBe('json');
    expect(resolveLogFormat('auto', undefined)).toBe('json');
  });

  it('keeps an explicit json or pretty, terminal or not', () => {
    expect(resolveLogFormat('json', true)).toBe('json');
    expect(resolveLogFormat('pretty', false)).toBe('pretty');
  });
});

describe('formatLogLine', () => {
  const line = (entry: Record<string, unknown>) => `${JSON.stringify(entry)}\n`;

  it('puts time, level, context and message first, then the other fields', () => {
    const out = formatLogLine(
      line({
        level: 40,
        time: '2026-12-02T11:29:25.345Z',
        service: 'flowhub',
        pid: 7,
        context: 'ApiKeys',
        msg: 'Created the first admin API key',
        runId: 'r-1',
        attempt: 2,
        note: 'two words',
      }),
    );
    expect(out).toBe(
      '11:29:25 WARN  [ApiKeys] Created the first admin API key runId=r-1 attempt=2 note="two words"\n',
    );
  });

  it('shows nested fields as compact JSON and an error stack on indented lines', () => {
    const out = formatLogLine(
      line({
        level: 50,
        time: '2026-12-02T11:00:00.000Z',
        msg: 'boom',
        req: { method: 'GET' },
        err: { type: 'Error', message: 'boom', stack: 'Error: boom\n    at f (a.ts:1:1)' },
      }),
    );
    expect(out).toBe(
      '11:00:00 ERROR boom req={"method":"GET"}\n    Error: boom\n        at f (a.ts:1:1)\n',
    );
  });

  it('passes a line that is not JSON through unchanged', () => {
    expect(formatLogLine('plain text')).toBe('plain text\n');
  });

  it('shows what pino redacted as redacted', () => {
    const written: string[] = [];
    const logger = pino(
      loggerOptions('info'),
      prettyDestination({ write: (t) => written.push(t) }),
    );
    logger.info({ req: { headers: { authorization: 'Bearer fh_secret' } }, password: 'p1' }, 'hi');
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/ INFO {2}hi /);
    expect(written[0]).toContain('[redacted]');
    expect(written[0]).not.toMatch(/fh_secret|p1/);
    expect(written[0]).not.toMatch(/^\{/);
  });
});
