import { bootBanner } from './boot-banner.js';

describe('bootBanner', () => {
  const embedded = {
    role: 'all' as const,
    databaseUrl: undefined,
    dataDir: '/srv/flowhub/.data',
    queueMode: 'postgres' as const,
  };

  it('names the URL, the API docs, the data dir and a just-created admin key', () => {
    const banner = bootBanner({
      config: embedded,
      url: 'http://127.0.0.1:3000',
      createdAdminKey: 'fh_0123456789',
    });
    expect(banner).toContain('Flowhub (all) is ready');
    expect(banner).toMatch(/URL +http:\/\/127\.0\.0\.1:3000\n/);
    expect(banner).toMatch(/API docs +http:\/\/127\.0\.0\.1:3000\/docs\n/);
    expect(banner).toMatch(/Data dir +\/srv\/flowhub\/\.data \(embedded PostgreSQL\)\n/);
    expect(banner).toMatch(/Admin key +fh_0123456789\n/);
    expect(banner).toMatch(/Queue +postgres \(runs queued on their own rows\)\n/);
    expect(banner).toContain('shown only this once');
    expect(banner.split('\n').length).toBeLessThan(15);
  });

  it('shows no key line when no key was created, and no data dir with DATABASE_URL', () => {
    const banner = bootBanner({
      config: { ...embedded, databaseUrl: 'postgres://db/flowhub', queueMode: 'redis' },
      url: 'http://127.0.0.1:3000',
    });
    expect(banner).not.toMatch(/Admin key|Data dir|shown only this once/);
    expect(banner).toContain('API docs');
    expect(banner).toMatch(/Queue +redis \(BullMQ on Redis\)\n/);
  });

  it('says the worker started, without URLs, in the worker role', () => {
    const banner = bootBanner({ config: { ...embedded, role: 'worker' } });
    expect(banner).toContain('Flowhub worker started');
    expect(banner).not.toMatch(/URL|API docs/);
    expect(banner).toContain('Data dir');
  });
});
