import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * applyHeapGrowth (FLOWHUB_HEAP_GROWTH_PERCENT) in a fresh process, as main.ts applies it: a
 * workload that keeps about 30 MB alive while promoting garbage gets collected far more often
 * with a small growth factor than with a large one. Full collections are counted rather than
 * peak heap, which depends on when concurrent marking happens to finish on a busy machine.
 */
describe('heap growth', () => {
  async function fullCollections(percent: number): Promise<number> {
    const script = `
      import { PerformanceObserver, constants } from 'node:perf_hooks';
      const { applyHeapGrowth } = await import(${JSON.stringify(`${process.cwd()}/dist/src/common/heap-growth.js`)});
      applyHeapGrowth(${percent});
      let full = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries())
          if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) full += 1;
      }).observe({ entryTypes: ['gc'] });
      const ring = new Array(600);
      for (let i = 0; i < 12000; i++) ring[i % 600] = Array.from({ length: 1000 }, (_, j) => ({ i, j }));
      await new Promise((resolve) => setTimeout(resolve, 50));
      process.stdout.write(String(full));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script]);
    return Number(stdout);
  }

  it('collects sooner with a small growth factor than with a large one', async () => {
    const small = await fullCollections(10);
    const large = await fullCollections(300);
    expect(large).toBeGreaterThan(0);
    expect(small).toBeGreaterThanOrEqual(2 * large);
  });
});
