// HttpApiHandler: the core's HttpApi — routing, app lookup and signature checks before any route runs.
import type {
  HttpAdmission,
  HttpApi,
  HttpRequest,
  HttpRequestHead,
  HttpResponse,
} from '../contracts/http-api';
import type { App } from '../apps/app';
import type { ServerContext } from '../server-context';
import type { ChannelQueries } from './channel-queries';
import { parseQuery } from './query-string';
import type { ApiGate } from '../server-api/api-gate';
import { bodyDigestProblem, querySignatureProblem } from './request-signature';
import { HttpError, httpError, json } from './responses';
import type { Route } from './route';
import { batchEventsRoute } from './routes/batch-events';
import { channelRoute } from './routes/channel';
import { channelUsersRoute } from './routes/channel-users';
import { channelEventsRoute } from './routes/channel-events';
import { channelsRoute } from './routes/channels';
import { eventsRoute } from './routes/events';
import { terminateUserRoute } from './routes/terminate-user';

const ROUTES: readonly Route[] = [
  eventsRoute,
  batchEventsRoute,
  channelsRoute,
  channelRoute,
  channelUsersRoute,
  channelEventsRoute,
  terminateUserRoute,
];
const HEALTH_PATHS = new Set(['/up', '/up/']);
const READY_PATHS = new Set(['/ready', '/ready/']);

/** A request that passed every check its head allows, waiting for its body. */
interface Admitted {
  readonly app: App;
  readonly route: Route;
  readonly head: HttpRequestHead;
  readonly params: Map<string, string>;
  readonly pathParams: string[];
}

/** Implements {@link HttpApi}. */
export class HttpApiHandler implements HttpApi {
  constructor(
    private readonly ctx: ServerContext,
    private readonly queries: ChannelQueries,
    /** Shared with the in-process API: one rate budget per app, one overload admission. */
    private readonly gate: ApiGate,
    readonly maxBodyBytes: number,
  ) {}

  async handle(request: HttpRequest): Promise<HttpResponse> {
    const admitted = await this.admit(request);
    return 'response' in admitted ? admitted.response : admitted.handle(request.body);
  }

  async admit(head: HttpRequestHead): Promise<HttpAdmission> {
    let outcome: { app?: App; response: HttpResponse } | Admitted;
    try {
      outcome = await this.check(head);
    } catch (error) {
      outcome = { response: this.failure(error, head) };
    }
    if ('response' in outcome) {
      this.ctx.observers.emit('apiRequest', {
        app: outcome.app,
        method: head.method,
        path: head.path,
        status: outcome.response.status,
      });
      return { response: outcome.response };
    }
    const admitted = outcome;
    return {
      maxBodyBytes: admitted.app.limits.maxRequestBodyBytes,
      handle: (body) => this.finish(admitted, body),
    };
  }

  /** Everything that can be decided from the head: route, app, signature, declared size, load. */
  private async check(
    head: HttpRequestHead,
  ): Promise<{ app?: App; response: HttpResponse } | Admitted> {
    const method = head.method.toUpperCase();
    if (HEALTH_PATHS.has(head.path) && (method === 'GET' || method === 'HEAD')) {
      return { response: json(200, { health: 'OK' }) };
    }
    // Liveness (/up) stays 200 while draining; readiness tells load balancers to stop routing here.
    if (READY_PATHS.has(head.path) && (method === 'GET' || method === 'HEAD')) {
      return {
        response: this.ctx.isDraining ? json(503, { ready: false }) : json(200, { ready: true }),
      };
    }
    let allowedElsewhere = false;
    for (const route of ROUTES) {
      const match = route.pattern.exec(head.path);
      if (!match) continue;
      if (route.method !== method) {
        allowedElsewhere = true;
        continue;
      }
      const [, rawAppId, ...rest] = match;
      const app = await this.ctx.provider.findById(decode(rawAppId!));
      if (!app) throw new HttpError(404, `App ${decode(rawAppId!)} not found`);
      // A refused request (bad signature, disabled app) still counts against the app it named:
      // the id matched a real app, so operators see whose clients are failing.
      const params = parseQuery(head.query);
      const refused = this.refusal(route, app, head, params);
      if (refused !== undefined) return { app, response: refused };
      return { app, route, head, params, pathParams: rest.map(decode) };
    }
    if (allowedElsewhere) throw new HttpError(405, `Method ${method} not allowed on ${head.path}`);
    throw new HttpError(404, `Not found: ${head.path}`);
  }

  private refusal(
    route: Route,
    app: App,
    head: HttpRequestHead,
    params: Map<string, string>,
  ): HttpResponse | undefined {
    const declared = Number(head.headers['content-length']);
    if (Number.isFinite(declared) && declared > app.limits.maxRequestBodyBytes) {
      return httpError(413, `Request body is larger than ${app.limits.maxRequestBodyBytes} bytes`);
    }
    const problem = querySignatureProblem(
      app,
      head.method,
      head.path,
      params,
      this.ctx.clock.now(),
    );
    if (problem !== undefined) return httpError(401, problem);
    if (!app.enabled) return httpError(403, 'App is disabled');
    if (route.rate.kind === 'events') {
      try {
        this.gate.admitPublish(app);
      } catch (error) {
        return this.failure(error, head);
      }
    }
    return undefined;
  }

  /** The checks that need the body, then the route; reports the request once, whatever the outcome. */
  private async finish(admitted: Admitted, body: string): Promise<HttpResponse> {
    const { app, head } = admitted;
    let response: HttpResponse;
    try {
      response = await this.run(admitted, body);
    } catch (error) {
      response = this.failure(error, head);
    }
    this.ctx.observers.emit('apiRequest', {
      app,
      method: head.method,
      path: head.path,
      status: response.status,
    });
    return response;
  }

  private async run(
    { app, route, params, pathParams }: Admitted,
    rawBody: string,
  ): Promise<HttpResponse> {
    if (Buffer.byteLength(rawBody) > app.limits.maxRequestBodyBytes) {
      throw new HttpError(
        413,
        `Request body is larger than ${app.limits.maxRequestBodyBytes} bytes`,
      );
    }
    const problem = bodyDigestProblem(params, rawBody);
    if (problem !== undefined) throw new HttpError(401, problem);
    const body = parseBody(rawBody);
    // Checked after the signature, so unauthenticated traffic cannot spend an app's budget.
    const headers = this.gate.spend(app, route.rate.kind, route.rate.cost(body));
    const response = await route.handle({
      ctx: this.ctx,
      app,
      queries: this.queries,
      params,
      pathParams,
      body,
    });
    return { ...response, headers: { ...response.headers, ...headers } };
  }

  private failure(error: unknown, head: HttpRequestHead): HttpResponse {
    if (error instanceof HttpError) {
      const refused = httpError(error.status, error.message);
      return { ...refused, headers: { ...refused.headers, ...error.headers } };
    }
    this.ctx.observers.emit('internalError', { error, where: `http ${head.method} ${head.path}` });
    return httpError(500, 'Internal server error');
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
