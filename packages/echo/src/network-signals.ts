// Network signals: browser `online`/`offline` and page visibility, read only when a client starts.

/** What to do when the platform reports a change. */
export interface NetworkSignalHandlers {
  onOnline: () => void;
  onOffline: () => void;
  onVisible: () => void;
}

type EventTargetLike = {
  addEventListener(type: string, fn: () => void): void;
  removeEventListener(type: string, fn: () => void): void;
};

/**
 * Listens for `online` / `offline` on the global scope (window or worker) and `visibilitychange`
 * on `document` where they exist; a no-op in Node. Returns the function that stops listening.
 */
export function watchNetworkSignals(handlers: NetworkSignalHandlers): () => void {
  const scope = globalThis as unknown as Partial<EventTargetLike> & {
    document?: Partial<EventTargetLike> & { visibilityState?: string };
  };
  const stops: (() => void)[] = [];
  if (
    typeof scope.addEventListener === 'function' &&
    typeof scope.removeEventListener === 'function'
  ) {
    const target = scope as EventTargetLike;
    target.addEventListener('online', handlers.onOnline);
    target.addEventListener('offline', handlers.onOffline);
    stops.push(() => {
      target.removeEventListener('online', handlers.onOnline);
      target.removeEventListener('offline', handlers.onOffline);
    });
  }
  const doc = scope.document;
  if (doc !== undefined && typeof doc.addEventListener === 'function') {
    const onVisibility = (): void => {
      if (doc.visibilityState === 'visible') handlers.onVisible();
    };
    doc.addEventListener('visibilitychange', onVisibility);
    stops.push(() => doc.removeEventListener?.('visibilitychange', onVisibility));
  }
  return () => {
    for (const stop of stops) stop();
  };
}
