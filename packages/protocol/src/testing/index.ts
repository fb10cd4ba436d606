// @herald/protocol/testing: helpers for testing the core, adapters and observers.
export { FakeSocket } from './fake-socket';
export { ManualClock } from './manual-clock';
export { CoreHarness, flushPromises } from './core-harness';
export type { FakeClient } from './core-harness';
export { signedRequest } from './signed-request';
export { MemoryBusHub } from './memory-bus';
