import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * applyHeapGrowth (FLOWHUB_HEAP_GROWTH_PERCENT) in a fresh process, as main.ts applies it: a
 * workload that keeps about 30 MB alive while promoting garbage peaks far lower than with
 * V8's own growth factor.
 */
describe('heap growth', () => {
  async function peakHeapMb(percent: number): Promise<number> {
    const script = `
      const { applyHeapGrowth } = await import(${JSON.stringify(`${process.cwd()}/dist/src/common/heap-growth.js`)});
      applyHeapGrowth(${percent});
      const ring = new Array(600);
      let peak = 0;
      for (let i = 0; i < 12000; i++) {
        ring[i % 600] = Array.from({ length: 1000 }, (_, j) => ({ i, j }));
        if (i % 100 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
      process.stdout.write(String(peak / 1048576));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script]);
    return Number(stdout);
  }

  it('keeps the heap closer to the live data than V8 does by default', async () => {
    const byDefault = await peakHeapMb(0);
    const tuned = await peakHeapMb(10);
    expect(byDefault).toBeGreaterThan(40);
    expect(tuned).toBeLessThan(byDefault * 0.8);
  });
});
