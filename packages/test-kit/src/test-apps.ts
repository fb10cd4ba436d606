// The apps a conformance test server starts with.
import type { AppConfig } from '@herald/protocol';

/** The app most tests use. */
export const TEST_APP: Readonly<AppConfig> = Object.freeze({
  id: '1001',
  key: 'conformance-key',
  secret: 'conformance-secret',
});

/** A second app, to prove apps are isolated from each other. */
export const OTHER_APP: Readonly<AppConfig> = Object.freeze({
  id: '1002',
  key: 'other-key',
  secret: 'other-secret',
});

/** {@link TEST_APP} with some fields changed (limits are merged, not replaced). */
export function testApp(overrides: Partial<AppConfig> = {}): AppConfig {
  return { ...TEST_APP, ...overrides, limits: { ...TEST_APP.limits, ...overrides.limits } };
}
