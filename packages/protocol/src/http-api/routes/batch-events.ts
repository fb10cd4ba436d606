// POST /apps/{id}/batch_events: several events in one request, each with its own channel.
import { parseEventPayload, type EventPayload } from '../event-payload';
import { publish } from '../publish';
import { HttpError, json } from '../responses';
import type { Route } from '../route';
import { channelInfo } from './channel-info';

export const batchEventsRoute: Route = {
  method: 'POST',
  pattern: /^\/apps\/([^/]+)\/batch_events$/,
  rate: { kind: 'events', cost: (body) => batchSize(body) },
  async handle({ ctx, app, body, queries }) {
    const batch = (body as { batch?: unknown } | undefined)?.batch;
    if (!Array.isArray(batch)) throw new HttpError(400, 'body.batch must be an array');
    if (batch.length > app.limits.maxBatchEvents) {
      throw new HttpError(400, `body.batch has more than ${app.limits.maxBatchEvents} events`);
    }
    // Validate the whole batch before publishing any of it: a batch is accepted or refused whole.
    const events: EventPayload[] = batch.map((raw, i) =>
      parseEventPayload(app, raw, `batch[${i}]`),
    );
    for (const event of events) publish(ctx, app, event);
    if (events.every((event) => event.info.size === 0)) return json(200, {});
    const results = [];
    for (const event of events)
      results.push(await channelInfo(queries, app.id, event.channels[0]!, event.info));
    return json(200, { batch: results });
  },
};

function batchSize(body: unknown): number {
  const batch = (body as { batch?: unknown } | undefined)?.batch;
  return Array.isArray(batch) ? Math.max(1, batch.length) : 1;
}
