// defineServerConformance: the whole server conformance suite, written once, run per adapter.
import { describe } from 'vitest';
import type { ServerTarget } from '../server-target';
import { badFramesSuite } from './bad-frames-suite';
import { broadcastSuite } from './broadcast-suite';
import { clientEventsSuite } from './client-events-suite';
import { connectionSuite } from './connection-suite';
import { echoSuite } from './echo-suite';
import { errorCodesSuite } from './error-codes-suite';
import { extensionsSuite } from './extensions-suite';
import { httpApiSuite } from './http-api-suite';
import { httpAuthSuite } from './http-auth-suite';
import { pingPongSuite } from './ping-pong-suite';
import { presenceSuite } from './presence-suite';
import { requestBodiesSuite } from './request-bodies-suite';
import { createSuiteContext, type ConformanceOptions } from './suite-context';
import { subscriptionSuite } from './subscription-suite';

/**
 * Registers the Pusher protocol 7 conformance suite against `target`: real pusher-js, laravel-echo
 * and `pusher` SDK clients, plus raw `ws` for exact wire JSON and bad input. Call it at the top
 * level of a vitest test file.
 *
 * @example
 * ```ts
 * // packages/node/test/conformance.test.ts
 * defineServerConformance(nodeTarget);
 * ```
 */
export function defineServerConformance(
  target: ServerTarget,
  options: ConformanceOptions = {},
): void {
  const context = createSuiteContext(target, options);
  describe(`server conformance: ${target.name}`, () => {
    connectionSuite(context);
    pingPongSuite(context);
    subscriptionSuite(context);
    presenceSuite(context);
    clientEventsSuite(context);
    httpApiSuite(context);
    httpAuthSuite(context);
    requestBodiesSuite(context);
    badFramesSuite(context);
    broadcastSuite(context);
    echoSuite(context);
    extensionsSuite(context);
    errorCodesSuite(context);
  });
}
