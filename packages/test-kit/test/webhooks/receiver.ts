// A real HTTP endpoint that records webhook requests and answers with scripted statuses.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import Pusher from 'pusher';
import { onTestFinished } from 'vitest';
import type { AppConfig } from '@herald/protocol';
import type { WebhookEvent } from '@herald/webhooks';

export interface ReceivedHook {
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: string;
  readonly atMs: number;
  /** Status this request was answered with. */
  readonly status: number;
}

export interface Receiver {
  readonly url: string;
  readonly received: ReceivedHook[];
  /** Statuses to answer with, in order; after they run out, 200. `'hang'` never answers. */
  script: Array<number | 'hang'>;
  /** Events of every request answered 2xx whose signature the `pusher` SDK accepts for `app`. */
  validEvents(app: AppConfig): WebhookEvent[];
}

/** Whether the `pusher` SDK's webhook validation accepts the request as signed by `app`. */
export function isSignedFor(hook: ReceivedHook, app: AppConfig): boolean {
  const sdk = new Pusher({ appId: app.id, key: app.key, secret: app.secret, host: '127.0.0.1' });
  return sdk.webhook({ headers: hook.headers, rawBody: hook.rawBody }).isValid();
}

/** Starts a receiver on 127.0.0.1 for the current test. */
export async function startReceiver(): Promise<Receiver> {
  const received: ReceivedHook[] = [];
  const receiver: Receiver = {
    url: '',
    received,
    script: [],
    validEvents(app) {
      return received
        .filter((hook) => hook.status >= 200 && hook.status < 300)
        .flatMap((hook) => {
          if (!isSignedFor(hook, app))
            throw new Error(`invalid webhook signature: ${hook.rawBody}`);
          return JSON.parse(hook.rawBody) as { events: WebhookEvent[] };
        })
        .flatMap((body) => body.events);
    },
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const next = receiver.script.shift() ?? 200;
      if (next === 'hang') return;
      received.push({
        headers: req.headers,
        rawBody: Buffer.concat(chunks).toString('utf8'),
        atMs: Date.now(),
        status: next,
      });
      res.writeHead(next).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return Object.assign(receiver, { url: `http://127.0.0.1:${port}/pusher/webhooks` });
}
