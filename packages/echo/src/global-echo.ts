// Global echo: laravel-echo-react's configureEcho / echo / echoIsConfigured, on a lazily created Herald echo.
import type Echo from 'laravel-echo';
import type { Broadcaster } from 'laravel-echo';
import { createEcho, type HeraldEcho } from './create-echo';
import type { EchoHolder } from './echo-holder';
import { toCreateEchoOptions, type LaravelEchoOptions } from './laravel-options';

let config: LaravelEchoOptions | undefined;
let instance: HeraldEcho | undefined;

/** The echo `configureEcho` describes, created on first `get()`; what hooks use without a provider. */
export const globalEchoHolder: EchoHolder = Object.freeze({
  get(): HeraldEcho {
    if (instance !== undefined) return instance;
    if (config === undefined) {
      throw new TypeError(
        'Echo has not been configured: call configureEcho({ broadcaster: "reverb", ... }) before using the hooks, or wrap the app in an echo provider',
      );
    }
    instance = createEcho(toCreateEchoOptions(config));
    return instance;
  },
  peek: () => instance,
});

/**
 * Describes the app's echo; it is created (and connects) when a hook or `echo()` first needs it.
 * Calling it again disconnects the echo made from the previous options.
 *
 * @example
 * ```ts
 * configureEcho({ broadcaster: 'reverb', env: import.meta.env });
 * ```
 */
export function configureEcho(options: LaravelEchoOptions): void {
  config = options;
  const previous = instance;
  instance = undefined;
  previous?.disconnect();
}

/** The upstream laravel-echo instance of the global echo, created on first call. */
export function echo<T extends keyof Broadcaster = keyof Broadcaster>(): Echo<T> {
  return globalEchoHolder.get().echo as unknown as Echo<T>;
}

/** Whether `configureEcho` has been called. */
export function echoIsConfigured(): boolean {
  return config !== undefined;
}
