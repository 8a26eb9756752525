/**
 * Waits for `work`, but at most `ms` milliseconds (shutdown hooks that must not hang on a
 * stalled backend); the work itself goes on. A rejection of `work` within the wait is thrown.
 */
export async function waitAtMost(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const bounded = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([work, bounded]);
  } finally {
    clearTimeout(timer);
  }
}
