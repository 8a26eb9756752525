import { BackgroundWork } from './background-work.js';

describe('BackgroundWork', () => {
  it('reports a failure instead of throwing, and settled waits for work added while waiting', async () => {
    const failures: string[] = [];
    const work = new BackgroundWork((what, error) => failures.push(`${what}: ${error.message}`));
    const done: string[] = [];
    work.track(Promise.reject(new Error('db down')), 'fan-out');
    work.track(
      (async () => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        work.track(
          Promise.resolve().then(() => void done.push('late')),
          'late',
        );
        done.push('first');
      })(),
      'first',
    );
    await work.settled();
    expect(done).toEqual(['first', 'late']);
    expect(failures).toEqual(['fan-out: db down']);
  });
});
