// Echo provider: a Vue plugin and provide/inject, so an app, a test or a server render holds its own echo.
import { createEchoHolder, globalEchoHolder, type EchoHolder, type EchoSource } from '@herald/echo';
import { hasInjectionContext, inject, provide, type InjectionKey, type Plugin } from 'vue';

/** Where the composables look for their echo. */
export const echoKey: InjectionKey<EchoHolder> = Symbol('herald-echo');

/**
 * A plugin that gives the app `source` instead of the echo `configureEcho` describes. Pass a factory
 * when server rendering: it runs on first use in the browser, never on the server.
 *
 * @example
 * ```ts
 * createApp(App).use(createEchoPlugin(() => createEcho({ env: import.meta.env }))).mount('#app');
 * ```
 */
export function createEchoPlugin(source: EchoSource): Plugin {
  return {
    install(app) {
      app.provide(echoKey, createEchoHolder(source));
    },
  };
}

/** Gives this component's descendants (and itself) `source` as their echo; call it in `setup`. */
export function provideEcho(source: EchoSource): EchoHolder {
  const holder = createEchoHolder(source);
  provide(echoKey, holder);
  return holder;
}

/** The provided echo holder, else the global one. */
export function useEchoHolder(): EchoHolder {
  return (hasInjectionContext() ? inject(echoKey, null) : null) ?? globalEchoHolder;
}
