// @herald/stream: framework-free readers and stores for streamed responses and Server-Sent Events.
export { StreamError, type StreamErrorCode } from './errors';
export { readText, readAllText } from './readers/read-text';
export { readJson, parseJson } from './readers/read-json';
export { readNdjson } from './readers/read-ndjson';
export { EventStreamWire, type SseEvent } from './sse/sse-constants';
export { createSseParser, type SseParser, type SseParserHandlers } from './sse/sse-parser';
export { readEventStream } from './readers/read-event-stream';
export { Subscribable, type Listener } from './store/subscribable';
export {
  StreamHeader,
  streamOptionDefaults,
  idleStreamSnapshot,
  type StreamBody,
  type StreamOptions,
  type StreamSnapshot,
} from './store/stream-options';
export { StreamStore, type StreamCallbackSource } from './store/stream-store';
export { StreamObserver, createStreamObserver, type UrlSource } from './store/stream-observer';
export { systemClock, type Clock } from './event-stream/clock';
export { backoffDelayMs, retryDefaults, type RetryOptions } from './event-stream/backoff';
export {
  EventStreamErrorEvent,
  eventStreamOptionDefaults,
  type EventStreamOptions,
  type EventStreamSnapshot,
} from './event-stream/event-stream-options';
export { EventStreamStore, createEventStream } from './event-stream/event-stream-store';
export {
  createEventSourceTransport,
  type EventSourceConstructor,
  type EventSourceLike,
} from './event-stream/event-source-transport';
export { createFetchTransport } from './event-stream/fetch-transport';
export type {
  EventStreamTransport,
  TransportFailure,
  TransportRequest,
  TransportSink,
} from './event-stream/transport';
