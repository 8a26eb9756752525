/**
 * Work that runs after its caller returned (event fan-out, subscribers): a failure is
 * reported through `onError`, never thrown, and `settled()` waits for what is in flight
 * (shutdown, tests).
 */
export class BackgroundWork {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly onError: (what: string, error: Error) => void) {}

  track(promise: Promise<void>, what: string): void {
    const work: Promise<void> = promise
      .catch((error: Error) => this.onError(what, error))
      .finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }
}
