// @herald/test-kit: real-process helpers and the server conformance suite (private).
export type { ServerTarget, RunningServer, TargetConfig } from './server-target';
export { defineServerConformance } from './conformance/define-server-conformance';
export type { ConformanceOptions } from './conformance/suite-context';
export { CODES_UNDER_TEST, CODES_NOT_SENT_YET } from './conformance/error-codes-suite';
export { startHarness, Harness, PUSHER_JS_QUERY } from './harness';
export type { HarnessConfig } from './harness';
export { connectRaw, connectEstablished, RawClient } from './raw-client';
export type { WireMessage, CloseInfo, MessageMatcher, EstablishedClient } from './raw-client';
export {
  createPusherClient,
  whenConnected,
  whenSubscribed,
  nextEvent,
  disconnectPusher,
} from './pusher-client';
export type { PusherClientOptions, PresenceUser } from './pusher-client';
export { createEchoClient } from './echo-client';
export type { EchoBroadcaster } from './echo-client';
export { createPublisher } from './publisher';
export type { ServerAddress } from './publisher';
export { signedPath, signedFetch, readResponse } from './signed-request';
export type { SignedRequestOptions, ApiResponse } from './signed-request';
export { TEST_APP, OTHER_APP, testApp } from './test-apps';
export { waitFor, withTimeout } from './wait-for';
export type { WaitForOptions } from './wait-for';
export { defineScalingConformance } from './scaling/define-scaling-conformance';
export { defineHistoryStoreConformance } from './history/define-history-store-conformance';
export type { HistoryStoreFactory } from './history/define-history-store-conformance';
export { startCluster, ClusterHarness, TEST_CLUSTER_TIMING } from './scaling/cluster-harness';
export type { ClusterMember } from './scaling/cluster-harness';
export type {
  BusTarget,
  BusBackend,
  BusConnection,
  IsolatedBusBackend,
} from './scaling/bus-target';
export { memoryBusTarget } from './scaling/memory-bus-target';
export { redisBusTarget, REDIS_URL } from './scaling/redis-bus-target';
export { natsBusTarget, NATS_URL } from './scaling/nats-bus-target';
export { bunTarget } from './targets/bun-target';
export { RoundRobinProxy } from './round-robin-proxy';
