// Every metric name (before the prefix) and label name this package exports; docs/metrics.md lists them.

/** Metric names without the prefix; the exported name is `prefix + name` (`herald_connections`). */
export const MetricName = Object.freeze({
  Connections: 'connections',
  ConnectionsOpened: 'connections_opened_total',
  ConnectionsRejected: 'connections_rejected_total',
  Channels: 'channels',
  Subscriptions: 'subscriptions',
  PresenceMembers: 'presence_members',
  HistoryChannels: 'history_channels',
  HistoryEvents: 'history_events',
  HistoryBytes: 'history_bytes',
  WsMessagesReceived: 'ws_messages_received_total',
  WsBytesReceived: 'ws_bytes_received_total',
  WsMessagesSent: 'ws_messages_sent_total',
  WsBytesSent: 'ws_bytes_sent_total',
  ApiRequests: 'api_requests_total',
  ClientErrors: 'client_errors_total',
  MessagesDropped: 'messages_dropped_total',
  Webhooks: 'webhooks_total',
  WebhookEvents: 'webhook_events_total',
  PendingFanouts: 'pending_fanouts',
  QueuedDeliveries: 'queued_deliveries',
  EventLoopLag: 'event_loop_lag_seconds',
  InternalErrors: 'internal_errors_total',
  BusMessagesPublished: 'bus_messages_published_total',
  BusMessagesReceived: 'bus_messages_received_total',
  BusFailures: 'bus_failures_total',
  BusUp: 'bus_up',
  ClusterPeers: 'cluster_peers',
  NodeRemovals: 'node_removals_total',
});

/** Label names. */
export const Label = Object.freeze({
  AppId: 'app_id',
  Code: 'code',
  Method: 'method',
  Status: 'status',
  Reason: 'reason',
  Outcome: 'outcome',
  Transport: 'transport',
});

/** The `app_id` value when the core could not tell the app (a bad key, a bus failure). */
export const UNKNOWN_APP = '';
