// ObserverHub: fans core notifications out to observers, isolating the core from their failures.
import type { HeraldObserver } from '../contracts/observer';

type Hook = Exclude<keyof HeraldObserver, 'observerFailed'>;
type EventOf<K extends Hook> = Parameters<NonNullable<HeraldObserver[K]>>[0];

/** Holds the observers; `emit` calls each one's hook and reports a throw to the others. */
export class ObserverHub {
  private observers: HeraldObserver[] = [];

  constructor(initial: readonly HeraldObserver[] = []) {
    this.observers = [...initial];
  }

  add(observer: HeraldObserver): () => void {
    this.observers = [...this.observers, observer];
    return () => {
      this.observers = this.observers.filter((o) => o !== observer);
    };
  }

  /** Whether any observer implements `hook`: lets the core skip work nobody would hear of. */
  listens(hook: Hook): boolean {
    return this.observers.some((o) => o[hook] !== undefined);
  }

  emit<K extends Hook>(hook: K, event: EventOf<K>): void {
    // Copy-on-write array: iterating the current one is safe while observers add or remove.
    for (const observer of this.observers) {
      const fn = observer[hook] as ((e: EventOf<K>) => void) | undefined;
      if (fn === undefined) continue;
      try {
        fn.call(observer, event);
      } catch (error) {
        this.reportFailure(observer, hook, error);
      }
    }
  }

  private reportFailure(failed: HeraldObserver, hook: string, error: unknown): void {
    for (const observer of this.observers) {
      if (observer === failed) continue;
      try {
        observer.observerFailed?.({ error, hook });
      } catch {
        // An observer failing to report a failure has nowhere left to report to.
      }
    }
  }
}
