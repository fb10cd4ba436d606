// @herald/stream-vue: useStream, useJsonStream and useEventStream composables for Vue.
export { useStream, type UseStreamResult } from './use-stream';
export { useJsonStream, type UseJsonStreamResult } from './use-json-stream';
export { useEventStream, type EventStreamResult } from './use-event-stream';
export {
  StreamError,
  EventStreamErrorEvent,
  type StreamErrorCode,
  type StreamOptions,
  type StreamBody,
  type EventStreamOptions,
  type RetryOptions,
  type Clock,
} from '@herald/stream';
