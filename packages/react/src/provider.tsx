// EchoProvider: gives a subtree its own echo (an app, a test, a server render) instead of the global one.
import { createEchoHolder, globalEchoHolder, type EchoHolder, type EchoSource } from '@herald/echo';
import { createContext, useContext, useMemo, type ReactNode } from 'react';

const EchoContext = createContext<EchoHolder | null>(null);

/** Props of {@link EchoProvider}. */
export interface EchoProviderProps {
  /**
   * The echo, or a factory called on first use in the browser: pass a factory when server rendering,
   * so the server never connects. A factory is read once; an instance may be swapped.
   */
  echo: EchoSource;
  children?: ReactNode;
}

/**
 * Makes the hooks below it use `echo` instead of the one `configureEcho` describes. The app owns
 * the echo: disconnect it when done.
 *
 * @example
 * ```tsx
 * <EchoProvider echo={() => createEcho({ env: import.meta.env })}>
 *   <App />
 * </EchoProvider>
 * ```
 */
export function EchoProvider({ echo, children }: EchoProviderProps) {
  // A factory written inline is a new function each render; only an instance can change the echo.
  const key = typeof echo === 'function' ? null : echo;
  const holder = useMemo(() => createEchoHolder(echo), [key]);
  return <EchoContext.Provider value={holder}>{children}</EchoContext.Provider>;
}

/** The holder of the nearest {@link EchoProvider}'s echo, else of the global one. */
export function useEchoHolder(): EchoHolder {
  return useContext(EchoContext) ?? globalEchoHolder;
}
