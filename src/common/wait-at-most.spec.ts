import { waitAtMost } from './wait-at-most.js';

describe('waitAtMost', () => {
  it('returns when the work ends, or after the limit when it does not', async () => {
    let started = Date.now();
    await waitAtMost(new Promise((resolve) => setTimeout(resolve, 20)), 5000);
    expect(Date.now() - started).toBeLessThan(1000);
    started = Date.now();
    await waitAtMost(new Promise(() => undefined), 150);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('throws what the work threw within the wait', async () => {
    await expect(waitAtMost(Promise.reject(new Error('boom')), 5000)).rejects.toThrow('boom');
  });
});
