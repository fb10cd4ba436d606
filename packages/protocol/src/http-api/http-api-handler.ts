// HttpApiHandler: the core's HttpApi — routing, app lookup and signature checks before any route runs.
import type { HttpApi, HttpRequest, HttpResponse } from '../contracts/http-api';
import type { App } from '../apps/app';
import type { ServerContext } from '../server-context';
import type { ChannelQueries } from './channel-queries';
import { parseQuery } from './query-string';
import { requestSignatureProblem } from './request-signature';
import { HttpError, httpError, json } from './responses';
import type { Route } from './route';
import { RateLimiter, rateLimitHeaders } from './rate-limiter';
import { batchEventsRoute } from './routes/batch-events';
import { channelRoute } from './routes/channel';
import { channelUsersRoute } from './routes/channel-users';
import { channelsRoute } from './routes/channels';
import { eventsRoute } from './routes/events';
import { terminateUserRoute } from './routes/terminate-user';

const ROUTES: readonly Route[] = [
  eventsRoute,
  batchEventsRoute,
  channelsRoute,
  channelRoute,
  channelUsersRoute,
  terminateUserRoute,
];
const HEALTH_PATHS = new Set(['/up', '/up/']);
const READY_PATHS = new Set(['/ready', '/ready/']);

/** Implements {@link HttpApi}. */
export class HttpApiHandler implements HttpApi {
  private readonly limiter = new RateLimiter();
  constructor(
    private readonly ctx: ServerContext,
    private readonly queries: ChannelQueries,
    readonly maxBodyBytes: number,
  ) {}

  async handle(request: HttpRequest): Promise<HttpResponse> {
    let app: App | undefined;
    let response: HttpResponse;
    try {
      const result = await this.route(request);
      app = result.app;
      response = result.response;
    } catch (error) {
      if (error instanceof HttpError) {
        response = httpError(error.status, error.message);
      } else {
        this.ctx.observers.emit('internalError', { error, where: `http ${request.method} ${request.path}` });
        response = httpError(500, 'Internal server error');
      }
    }
    this.ctx.observers.emit('apiRequest', { app, method: request.method, path: request.path, status: response.status });
    return response;
  }

  private async route(request: HttpRequest): Promise<{ app?: App; response: HttpResponse }> {
    const method = request.method.toUpperCase();
    if (HEALTH_PATHS.has(request.path) && (method === 'GET' || method === 'HEAD')) {
      return { response: json(200, { health: 'OK' }) };
    }
    // Liveness (/up) stays 200 while draining; readiness tells load balancers to stop routing here.
    if (READY_PATHS.has(request.path) && (method === 'GET' || method === 'HEAD')) {
      return { response: this.ctx.isDraining ? json(503, { ready: false }) : json(200, { ready: true }) };
    }
    let allowedElsewhere = false;
    for (const route of ROUTES) {
      const match = route.pattern.exec(request.path);
      if (!match) continue;
      if (route.method !== method) {
        allowedElsewhere = true;
        continue;
      }
      const [, rawAppId, ...rest] = match;
      const app = await this.ctx.provider.findById(decode(rawAppId!));
      if (!app) throw new HttpError(404, `App ${decode(rawAppId!)} not found`);
      try {
        return { app, response: await this.run(route, app, request, rest.map(decode)) };
      } catch (error) {
        // A refused request (bad signature, disabled app) still counts against the app it named:
        // the id matched a real app, so operators see whose clients are failing.
        if (error instanceof HttpError) return { app, response: httpError(error.status, error.message) };
        throw error;
      }
    }
    if (allowedElsewhere) throw new HttpError(405, `Method ${method} not allowed on ${request.path}`);
    throw new HttpError(404, `Not found: ${request.path}`);
  }

  private async run(route: Route, app: App, request: HttpRequest, pathParams: string[]): Promise<HttpResponse> {
    if (Buffer.byteLength(request.body) > app.limits.maxRequestBodyBytes) {
      throw new HttpError(413, `Request body is larger than ${app.limits.maxRequestBodyBytes} bytes`);
    }
    const params = parseQuery(request.query);
    const problem = requestSignatureProblem(
      app,
      request.method,
      request.path,
      params,
      request.body,
      this.ctx.clock.now(),
    );
    if (problem !== undefined) throw new HttpError(401, problem);
    if (!app.enabled) throw new HttpError(403, 'App is disabled');
    const body = parseBody(request.body);
    // Checked after the signature, so unauthenticated traffic cannot spend an app's budget.
    const limit = route.rate.kind === 'events' ? app.limits.apiEventsPerSecond : app.limits.apiReadsPerSecond;
    if (limit === 0) return route.handle({ ctx: this.ctx, app, queries: this.queries, params, pathParams, body });
    const nodes = 1 + (this.ctx.cluster?.peerCount ?? 0);
    const decision = this.limiter.check(app.id, route.rate.kind, limit, route.rate.cost(body), this.ctx.clock.now(), nodes);
    const headers = rateLimitHeaders(decision);
    if (!decision.isAllowed) {
      this.ctx.observers.emit('messageDropped', { app, reason: 'rate-limited' });
      const refused = httpError(429, `Rate limit of ${decision.limit} ${route.rate.kind} per second exceeded`);
      return { ...refused, headers: { ...refused.headers, ...headers } };
    }
    const response = await route.handle({ ctx: this.ctx, app, queries: this.queries, params, pathParams, body });
    return { ...response, headers: { ...response.headers, ...headers } };
  }
}

function parseBody(body: string): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body);
  } catch {
    throw new HttpError(400, 'Request body is not valid JSON');
  }
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
