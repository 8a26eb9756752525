import { setFlagsFromString } from 'node:v8';

/**
 * After a full garbage collection V8 lets the heap grow to what survived times a factor it
 * picks itself, up to 4x. Under steady load most of that growth is short-lived garbage
 * (JSONata alone allocates about 170 KB per mapping), so RSS climbs far above the live data.
 * A fixed factor of 1 + percent/100 collects sooner instead; it sets no ceiling, so a burst of
 * large bodies can still use what it needs. 0 leaves V8's own choice. V8 reads the flag at
 * every collection, so setting it at start-up takes effect.
 */
export function applyHeapGrowth(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
