// @herald/stream/server: helpers that write streams for the hooks, for Node http and web Responses.
export { sendTextStream, sendNdjsonStream, sendEventStream } from './server/node-response';
export {
  createTextStreamResponse,
  createNdjsonStreamResponse,
  createEventStreamResponse,
  type WebStreamOptions,
} from './server/web-response';
export {
  eventStreamResponseDefaults,
  eventStreamHeaders,
  ndjsonStreamHeaders,
  textStreamHeaders,
  type EventStreamResponseOptions,
  type StreamResponseOptions,
} from './server/response-format';
export { pumpSource, type StreamContext, type StreamSource } from './server/stream-source';
export { encodeServerEvent, encodeComment, type ServerEvent } from './sse/sse-encoder';
export { EventStreamWire } from './sse/sse-constants';
export { systemClock, type Clock } from './event-stream/clock';
