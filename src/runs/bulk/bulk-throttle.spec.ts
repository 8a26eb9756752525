import { loadConfig } from '../../config/load-config.js';
import { DEFAULT_BULK_THROTTLE, delayBefore, leaseMsFor } from './bulk-throttle.js';

describe('bulk throttle', () => {
  it('takes its defaults and values from the configuration (FLOWHUB_BULK_*)', () => {
    expect(loadConfig({}).bulk).toEqual(DEFAULT_BULK_THROTTLE);
    const set = { FLOWHUB_BULK_RUNS_PER_SECOND: '20', FLOWHUB_BULK_BATCH_SIZE: '10' };
    expect(loadConfig(set).bulk).toEqual({
      ...DEFAULT_BULK_THROTTLE,
      perSecond: 20,
      batchSize: 10,
    });
    expect(() => loadConfig({ FLOWHUB_BULK_RUNS_PER_SECOND: '0' })).toThrow(
      'FLOWHUB_BULK_RUNS_PER_SECOND must be an integer between 1 and 10000',
    );
    expect(() => loadConfig({ FLOWHUB_BULK_PAUSE_MS: '1.5' })).toThrow(/PAUSE_MS/);
  });

  it('spaces runs so that no more than perSecond start in a second', () => {
    expect(delayBefore(0, 1000, 1000, 10)).toBe(0);
    expect(delayBefore(5, 1000, 1000, 10)).toBe(500);
    expect(delayBefore(5, 1000, 1700, 10)).toBe(0);
    expect(delayBefore(10, 0, 400, 10)).toBe(600);
  });

  it('leases a batch for longer than it takes at the throttled rate', () => {
    const slow = { ...DEFAULT_BULK_THROTTLE, batchSize: 100, perSecond: 1 };
    expect(leaseMsFor(slow)).toBeGreaterThan(100_000);
    expect(leaseMsFor(DEFAULT_BULK_THROTTLE)).toBe(31_000);
  });
});
