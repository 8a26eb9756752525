import { pino } from 'pino';
import { loggerOptions } from './logging.js';
import { PinoNestLogger } from './nest-logger.js';

function capture(level: 'info' | 'debug' = 'info') {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(loggerOptions(level), {
    write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>),
  });
  return { nest: new PinoNestLogger(logger), lines };
}

describe('PinoNestLogger', () => {
  it.each(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication'])(
    "logs Nest's %s mapping lines at debug, not info",
    (context) => {
      const info = capture('info');
      info.nest.log('Mapped {/api/v1/flows, GET} route', context);
      expect(info.lines).toEqual([]);

      const debug = capture('debug');
      debug.nest.log('Mapped {/api/v1/flows, GET} route', context);
      expect(debug.lines).toMatchObject([{ level: 20, context }]);
    },
  );

  it('keeps our own contexts at info, and warnings from Nest at warn', () => {
    const { nest, lines } = capture('info');
    nest.log('Applied migrations: none', 'Database');
    nest.warn('something odd', 'RoutesResolver');
    expect(lines).toMatchObject([
      { level: 30, context: 'Database', msg: 'Applied migrations: none' },
      { level: 40, context: 'RoutesResolver', msg: 'something odd' },
    ]);
  });
});
