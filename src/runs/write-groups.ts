/**
 * Groups concurrent writes into one statement (or one queue call) each: an item waits only
 * while `maxInFlight` groups are already being written, so an idle process writes at once and
 * a busy one writes up to `maxRows` items per round trip. Each caller gets its own item's
 * result, or the group's error, only after the whole group has been written.
 */
export interface WriteGroupOptions {
  maxRows: number;
  maxInFlight: number;
  /** With `weight`: a group holds at most this much, except a single heavier item alone. */
  maxWeight?: number;
  weight?: (item: unknown) => number;
}

/** A result that fails only its own item (the rest of the group succeeded). */
export class WriteFailure {
  constructor(readonly error: unknown) {}
}

interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export class WriteGroups<T, R> {
  private waiting: Waiting<T, R>[] = [];
  private inFlight = 0;
  private scheduled = false;

  /** `write` returns one result (or WriteFailure) per item, in the items' order. */
  constructor(
    private readonly write: (items: T[]) => Promise<(R | WriteFailure)[]>,
    private readonly options: WriteGroupOptions,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Items that arrive in the same turn of the event loop join the same group. */
  private schedule(): void {
    if (this.scheduled || this.waiting.length === 0) return;
    if (this.inFlight >= this.options.maxInFlight) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.drain();
    });
  }

  private drain(): void {
    while (this.inFlight < this.options.maxInFlight && this.waiting.length > 0) {
      const group = this.waiting.splice(0, this.groupSize());
      this.inFlight += 1;
      void this.writeGroup(group);
    }
  }

  /** How many waiting items the next group takes: maxRows, fewer if they weigh too much. */
  private groupSize(): number {
    const { maxRows, maxWeight, weight } = this.options;
    if (!maxWeight || !weight) return maxRows;
    let total = 0;
    let size = 0;
    while (size < maxRows && size < this.waiting.length) {
      total += weight(this.waiting[size].item);
      if (size > 0 && total > maxWeight) break;
      size += 1;
    }
    return size;
  }

  private async writeGroup(group: Waiting<T, R>[]): Promise<void> {
    try {
      const results = await this.write(group.map((entry) => entry.item));
      group.forEach((entry, i) => {
        const result = results[i];
        if (result instanceof WriteFailure) entry.reject(result.error);
        else entry.resolve(result);
      });
    } catch (error) {
      for (const entry of group) entry.reject(error);
    } finally {
      this.inFlight -= 1;
      this.schedule();
    }
  }
}
