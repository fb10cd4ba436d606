// @herald/nats: scale Herald across nodes through NATS core pub/sub.
export { createNatsScaling, NatsBus } from './nats-bus';
export type { NatsScalingOptions } from './nats-bus';
export { subjectFor } from './subjects';
