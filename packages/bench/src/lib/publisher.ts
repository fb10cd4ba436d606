// Publishing to a server under test: the real `pusher` SDK for Herald, a plain POST for the ceiling.
import { Agent, request } from 'node:http';
import Pusher from 'pusher';
import { BENCH_APP, BENCH_EVENT, BENCH_HOST, RAW_PUBLISH_PATH } from './bench-app';
import type { Target } from './report';

/** Publishes {@link BENCH_EVENT} with `data` on `channel`; resolves when the server answered. */
export interface Publisher {
  publish(channel: string, data: string): Promise<void>;
  close(): void;
}

/** Herald's HTTP API through the `pusher` SDK, as an app backend would call it. */
function createPusherPublisher(port: number): Publisher {
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const pusher = new Pusher({
    appId: BENCH_APP.id,
    key: BENCH_APP.key,
    secret: BENCH_APP.secret,
    host: BENCH_HOST,
    port: String(port),
    useTLS: false,
    agent,
    timeout: 30_000,
  });
  return {
    async publish(channel, data) {
      const response = await pusher.trigger(channel, BENCH_EVENT, data);
      // The SDK leaves a 200's body unread, which would keep its socket from returning to the agent.
      await response.text();
    },
    close: () => agent.destroy(),
  };
}

/** The raw-ws ceiling's own endpoint: `POST /publish { channel, name, data }`. */
function createRawPublisher(port: number): Publisher {
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  return {
    publish(channel, data) {
      const body = JSON.stringify({ channel, name: BENCH_EVENT, data });
      return new Promise((resolve, reject) => {
        const req = request(
          {
            host: BENCH_HOST,
            port,
            path: RAW_PUBLISH_PATH,
            method: 'POST',
            agent,
            timeout: 30_000,
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
            },
          },
          (res) => {
            res.resume();
            res.on('end', () =>
              res.statusCode === 200
                ? resolve()
                : reject(new Error(`publish: HTTP ${res.statusCode}`)),
            );
          },
        );
        req.on('timeout', () => req.destroy(new Error('publish timed out')));
        req.on('error', reject);
        req.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}

/** The publisher that fits `target`. */
export function createPublisher(target: Target, port: number): Publisher {
  return target === 'ceiling' ? createRawPublisher(port) : createPusherPublisher(port);
}
