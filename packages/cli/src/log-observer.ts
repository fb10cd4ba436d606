// Log observer: one structured line per notable core event, with ids and codes, never secrets or bodies.
import { ErrorCode, type Clock, type HeraldObserver } from '@herald/protocol';
import type { Logger } from 'pino';
import { createRepeatAggregator } from './repeat-aggregator';

/** Drops that mean someone lost something, worth a warning; the rest are routine. */
const WARN_DROPS: ReadonlySet<string> = new Set(['slow-consumer', 'invalid-message-flood']);

/** Probes answer these; `/ready` says 503 through every drain, which is its job, not a failure. */
const HEALTH_PATHS: ReadonlySet<string> = new Set(['/up', '/up/', '/ready', '/ready/']);

/** Options of {@link createLogObserver}. */
export interface LogObserverOptions {
  /**
   * Repeats of one refusal or client error (same event, app and code or reason) within this
   * window are counted and logged as one line when it ends.
   * @default 10000
   */
  repeatIntervalMs?: number;
  /** Time source for the repeat windows; tests pass a manual clock. @default systemClock */
  clock?: Clock;
}

/** The log observer and what its owner must call on shutdown. */
export interface LogObserver {
  readonly observer: HeraldObserver;
  /** Writes the counts of repeats not yet reported; call once the server has closed. */
  flush(): void;
}

/**
 * Maps core notifications to log lines:
 * - warn: connections refused, auth failures, limits hit, slow consumers closed, bus outages, dead nodes;
 * - error: internal errors and failing observers;
 * - debug: connections opened and closed, routine drops, and the 4200 that tells each client of a
 *   draining server to reconnect (the drain logs one summary line of its own).
 * Everything a client can cause once per message or request (refusals, client errors, drops, API
 * refusals) is aggregated: the first of a kind at once, then one line per interval with the count
 * of repeats. Bus-unavailable drops are summed and reported once the bus is back.
 */
export function createLogObserver(logger: Logger, options: LogObserverOptions = {}): LogObserver {
  const repeats = createRepeatAggregator(logger, {
    intervalMs: options.repeatIntervalMs,
    clock: options.clock,
  });
  let lostWhileBusDown = 0;
  const observer: HeraldObserver = {
    connectionOpened: ({ app, socketId, remoteAddress }) =>
      logger.debug(
        { event: 'connection_opened', appId: app.id, socketId, remoteAddress },
        'connection opened',
      ),
    connectionClosed: ({ app, socketId, code }) =>
      logger.debug(
        { event: 'connection_closed', appId: app.id, socketId, code },
        'connection closed',
      ),
    connectionRejected: ({ appKey, code, message, remoteAddress }) => {
      // An unknown key is whatever the client made up: one kind for all of them, or a flood of
      // random keys would be a flood of kinds.
      const keyKind = code === ErrorCode.AppNotFound ? '?' : appKey;
      const fields = { event: 'connection_rejected', appKey, code, reason: message, remoteAddress };
      repeats.log(
        ['connection_rejected', keyKind, String(code)],
        'warn',
        fields,
        `connection rejected: ${message}`,
      );
    },
    clientError: ({ app, socketId, code, message }) => {
      const fields = { event: 'client_error', appId: app?.id, socketId, code, reason: message };
      // A socket without an id was refused before establishment: connectionRejected has said so.
      // 4200 is the server itself asking clients to reconnect (drain, shutdown): not their error.
      if (socketId === undefined || code === ErrorCode.ReconnectNow) {
        logger.debug(fields, `client error: ${message}`);
        return;
      }
      // 401/403 are refused subscriptions (auth); 4xxx codes are protocol limits and bad input.
      const level =
        code === 401 || code === 403 || (code !== null && code >= 4000) ? 'warn' : 'info';
      repeats.log(
        ['client_error', app?.id ?? '', String(code)],
        level,
        fields,
        `client error: ${message}`,
      );
    },
    messageDropped: ({ app, socketId, channel, reason }) => {
      if (reason === 'bus-unavailable') {
        lostWhileBusDown++;
        return;
      }
      const fields = { event: 'message_dropped', appId: app?.id, socketId, channel, reason };
      repeats.log(
        ['message_dropped', app?.id ?? '', reason],
        WARN_DROPS.has(reason) ? 'warn' : 'info',
        fields,
        `message dropped: ${reason}`,
      );
    },
    apiRequest: ({ app, method, path, status }) => {
      const fields = { event: 'api_request', appId: app?.id, method, path, status };
      const kind = ['api_request', app?.id ?? '', String(status)] as const;
      if (HEALTH_PATHS.has(path)) logger.debug(fields, `HTTP API ${method} ${path} ${status}`);
      // 503 is load shed on purpose (a full delivery backlog), not a failure of the server.
      else if (status >= 500 && status !== 503)
        repeats.log(kind, 'error', fields, `HTTP API ${method} ${path} failed with ${status}`);
      else if (status === 401 || status === 403 || status === 429 || status === 503)
        repeats.log(kind, 'warn', fields, `HTTP API ${method} ${path} refused with ${status}`);
      else logger.debug(fields, `HTTP API ${method} ${path} ${status}`);
    },
    busStatus: ({ status }) => {
      if (status === 'down') {
        logger.warn({ event: 'bus_status', status }, 'scaling bus is down');
        return;
      }
      logger.info(
        { event: 'bus_status', status, lostWhileDown: lostWhileBusDown },
        `scaling bus is up; ${lostWhileBusDown} messages could not cross it while it was down`,
      );
      lostWhileBusDown = 0;
    },
    nodeRemoved: ({ nodeId }) =>
      logger.warn(
        { event: 'node_removed', nodeId },
        `node ${nodeId} stopped answering; its members left`,
      ),
    internalError: ({ error, where }) =>
      logger.error({ event: 'internal_error', where, err: error }, `internal error in ${where}`),
    observerFailed: ({ error, hook }) =>
      logger.error({ event: 'observer_failed', hook, err: error }, `an observer failed in ${hook}`),
  };
  return { observer, flush: () => repeats.flush() };
}
