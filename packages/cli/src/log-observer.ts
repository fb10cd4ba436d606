// Log observer: one structured line per notable core event, with ids and codes, never secrets or bodies.
import type { DropReason, HeraldObserver } from '@herald/protocol';
import type { Logger } from 'pino';

/** Drops that mean someone lost something, worth a warning; the rest are routine. */
const WARN_DROPS: ReadonlySet<DropReason> = new Set(['slow-consumer']);

/**
 * Maps core notifications to log lines:
 * - warn: connections refused, auth failures, limits hit, slow consumers closed, bus outages, dead nodes;
 * - error: internal errors and failing observers;
 * - debug: connections opened and closed, routine drops.
 * Bus-unavailable drops are summed and reported once the bus is back, not one line per message.
 */
export function createLogObserver(logger: Logger): HeraldObserver {
  let lostWhileBusDown = 0;
  return {
    connectionOpened: ({ app, socketId, remoteAddress }) => logger.debug({ event: 'connection_opened', appId: app.id, socketId, remoteAddress }, 'connection opened'),
    connectionClosed: ({ app, socketId, code }) => logger.debug({ event: 'connection_closed', appId: app.id, socketId, code }, 'connection closed'),
    connectionRejected: ({ appKey, code, message, remoteAddress }) =>
      logger.warn({ event: 'connection_rejected', appKey, code, reason: message, remoteAddress }, `connection rejected: ${message}`),
    clientError: ({ app, socketId, code, message }) => {
      const fields = { event: 'client_error', appId: app?.id, socketId, code, reason: message };
      // A socket without an id was refused before establishment: connectionRejected has said so.
      if (socketId === undefined) logger.debug(fields, `client error: ${message}`);
      // 401/403 are refused subscriptions (auth); 4xxx codes are protocol limits and bad input.
      else if (code === 401 || code === 403 || (code !== null && code >= 4000)) logger.warn(fields, `client error: ${message}`);
      else logger.info(fields, `client error: ${message}`);
    },
    messageDropped: ({ app, socketId, channel, reason }) => {
      if (reason === 'bus-unavailable') {
        lostWhileBusDown++;
        return;
      }
      const fields = { event: 'message_dropped', appId: app?.id, socketId, channel, reason };
      if (WARN_DROPS.has(reason)) logger.warn(fields, `message dropped: ${reason}`);
      else logger.info(fields, `message dropped: ${reason}`);
    },
    apiRequest: ({ app, method, path, status }) => {
      const fields = { event: 'api_request', appId: app?.id, method, path, status };
      if (status >= 500) logger.error(fields, `HTTP API ${method} ${path} failed with ${status}`);
      else if (status === 401 || status === 403 || status === 429) logger.warn(fields, `HTTP API ${method} ${path} refused with ${status}`);
      else logger.debug(fields, `HTTP API ${method} ${path} ${status}`);
    },
    busStatus: ({ status }) => {
      if (status === 'down') {
        logger.warn({ event: 'bus_status', status }, 'scaling bus is down');
        return;
      }
      logger.info({ event: 'bus_status', status, lostWhileDown: lostWhileBusDown }, `scaling bus is up; ${lostWhileBusDown} messages could not cross it while it was down`);
      lostWhileBusDown = 0;
    },
    nodeRemoved: ({ nodeId }) => logger.warn({ event: 'node_removed', nodeId }, `node ${nodeId} stopped answering; its members left`),
    internalError: ({ error, where }) => logger.error({ event: 'internal_error', where, err: error }, `internal error in ${where}`),
    observerFailed: ({ error, hook }) => logger.error({ event: 'observer_failed', hook, err: error }, `an observer failed in ${hook}`),
  };
}
