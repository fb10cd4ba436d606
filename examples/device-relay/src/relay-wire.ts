// What the app, the device and the page agree on: routes, channels, events, their data, the timings.

/** The device's HTTP routes on the app (each takes `Authorization: Bearer <device token>`). */
export const DeviceRoute = Object.freeze({
  Connect: '/api/device/connect',
  Heartbeat: '/api/device/heartbeat',
  Messages: '/api/device/messages',
  Disconnect: '/api/device/disconnect',
});

/** Where pusher-js asks the app to sign subscriptions (devices send their bearer token). */
export const AUTH_ENDPOINT = '/broadcasting/auth';

/** The private channel a device receives its commands on. */
export const deviceChannel = (deviceId: string): string => `private-device.${deviceId}`;

/**
 * The channel the page listens to: device output and online state. Public because the example page
 * has no sign-in; a real app makes it private and signs it for its operators (see the README).
 */
export const CONSOLE_CHANNEL = 'device-console';

/** Event names, as sent by `server.api.trigger` (the page listens with a leading dot). */
export const RelayEvent = Object.freeze({
  Command: 'device.command',
  Output: 'device.output',
  Status: 'device.status',
});

/** How often a device heartbeats, and when the app takes a silent device for gone. */
export const RELAY_TIMINGS = Object.freeze({
  /** A device POSTs a heartbeat this often. */
  heartbeatIntervalMs: 2000,
  /** A device not heard from (heartbeat, messages) for this long is marked offline. */
  offlineAfterMs: 6000,
  /** How often the app looks for silent devices. */
  sweepIntervalMs: 500,
});

/** One line of a device's output. `seq` counts from 1 per run of the device process. */
export interface DeviceMessage {
  seq: number;
  text: string;
  /** Flushed at once instead of waiting for the next batch (command replies, alarms). */
  isPriority: boolean;
  /** When the device produced it (ms since the epoch). */
  at: number;
}

/** The body of `POST /api/device/messages`. */
export interface MessageBatch {
  /** Random per device process: a new run starts its `seq` at 1 again. */
  run: string;
  messages: DeviceMessage[];
  /** Messages the device dropped since it started because its buffer was full. */
  droppedCount: number;
}

/** What `POST /api/device/connect` answers: who the device is and where to connect. */
export interface ConnectAnswer {
  deviceId: string;
  channel: string;
  pusher: { key: string; host: string; port: number; scheme: 'http' | 'https' };
  authEndpoint: string;
  heartbeatIntervalMs: number;
  offlineAfterMs: number;
}

/** A command for a device, broadcast on its private channel. */
export interface DeviceCommand {
  id: string;
  command: string;
  sentAt: number;
}

/** A device as the page shows it. */
export interface DeviceView {
  id: string;
  name: string;
  isOnline: boolean;
  lastSeenAt: number | null;
  run: string | null;
  droppedCount: number;
}

/** `device.output`: a batch the app accepted, as broadcast to the page. */
export interface OutputEvent {
  deviceId: string;
  run: string;
  messages: DeviceMessage[];
  droppedCount: number;
}

/** `device.status`: a device went online or offline. */
export type StatusEvent = DeviceView;

/** The events on the page's channel and on a device's channel, for typed `trigger`. */
export type RelayEvents = {
  [RelayEvent.Command]: DeviceCommand;
  [RelayEvent.Output]: OutputEvent;
  [RelayEvent.Status]: StatusEvent;
};
