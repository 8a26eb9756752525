import type { AppConfig } from './config/load-config.js';

export interface BannerFacts {
  config: Pick<AppConfig, 'role' | 'databaseUrl' | 'dataDir' | 'queueMode'>;
  /** Base URL of the HTTP server; undefined in the worker role. */
  url?: string;
  /** An admin key this boot created: shown here once, never logged. */
  createdAdminKey?: string;
}

/** How runs are queued, in a few words (docs/queue-modes.md). */
const QUEUE_WORDS: Record<AppConfig['queueMode'], string> = {
  postgres: 'postgres (runs queued on their own rows)',
  redis: 'redis (BullMQ on Redis)',
  'bullmq-postgres': 'bullmq-postgres (BullMQ on PostgreSQL)',
};

/** The last thing a start prints on a terminal (LOG_FORMAT pretty): where to go next. */
export function bootBanner({ config, url, createdAdminKey }: BannerFacts): string {
  const rows: [string, string][] = [];
  if (url) rows.push(['URL', url], ['API docs', `${url}/docs`]);
  if (!config.databaseUrl) rows.push(['Data dir', `${config.dataDir} (embedded PostgreSQL)`]);
  rows.push(['Queue', QUEUE_WORDS[config.queueMode]]);
  if (createdAdminKey) rows.push(['Admin key', createdAdminKey]);
  const title = url ? `Flowhub (${config.role}) is ready` : 'Flowhub worker started';
  const lines = [
    '',
    `  ${title}`,
    ...rows.map(([name, value]) => `    ${name.padEnd(10)} ${value}`),
  ];
  if (createdAdminKey) {
    lines.push(
      '',
      '  The admin key was created just now and is shown only this once.',
      '  Use it as:  Authorization: Bearer <key>',
      '  Lost it? Set FLOWHUB_ADMIN_KEY and restart, then revoke this one.',
    );
  }
  return `${lines.join('\n')}\n\n`;
}
