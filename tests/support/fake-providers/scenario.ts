/** What a fake provider does with the next request it accepts. */
export type ProviderScenario =
  | { readonly kind: 'ok' }
  | { readonly kind: 'error'; readonly code: string; readonly message?: string; readonly status?: number }
  | { readonly kind: 'http'; readonly status: number; readonly text: string }
  | { readonly kind: 'hang' };

/** Scenarios queued by a test, consumed in order; `ok` once the queue is empty. */
export class ScenarioQueue {
  private readonly queue: ProviderScenario[] = [];

  push(...scenarios: ProviderScenario[]): void {
    this.queue.push(...scenarios);
  }

  next(): ProviderScenario {
    return this.queue.shift() ?? { kind: 'ok' };
  }
}
