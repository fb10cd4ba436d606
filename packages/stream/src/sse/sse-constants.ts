// Wire names shared by the event-stream server helpers and the useEventStream store.

/** Constants of the event-stream format that Herald's helpers write and its hooks expect. */
export const EventStreamWire = Object.freeze({
  /** Event name the hooks listen to by default, and the helpers write by default. */
  DefaultEventName: 'update',
  /** Data of the last event: the producer is done, do not reconnect. */
  EndSignal: '</stream>',
  /** Request header carrying the id of the last event a reconnecting client saw. */
  LastEventIdHeader: 'Last-Event-ID',
  /** Query parameter with the same meaning, for `EventSource`, which cannot set headers. */
  LastEventIdParam: 'lastEventId',
  /** Prefix Laravel's hooks strip from data, kept so Laravel servers work unchanged. */
  DataPrefix: 'data: ',
  /** Content type of an event stream. */
  ContentType: 'text/event-stream',
});

/** One parsed Server-Sent Event, as dispatched by the parser. */
export interface SseEvent {
  /** The `event:` field, or `message` when absent. */
  type: string;
  /** The `data:` lines joined with `\n`. */
  data: string;
  /** The last event id in force when this event was dispatched (`''` when none). */
  lastEventId: string;
}
