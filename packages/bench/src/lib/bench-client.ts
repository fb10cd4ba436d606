// A loader's client connection over any transport: a WebSocket, or a raw pusher-js-style HTTP
// fallback session (xhr_streaming / xhr_polling), all handing the same Pusher message texts on.
import { randomBytes } from 'node:crypto';
import { Agent, request, type ClientRequest, type IncomingMessage } from 'node:http';
import WebSocket from 'ws';

/** How a loader socket reaches the server. */
export type BenchTransport = 'ws' | 'xhr_streaming' | 'xhr_polling';

/** What a connection reports. */
export interface BenchClientHandlers {
  /** One Pusher message as JSON text, as a WebSocket frame carries it. */
  onMessage(text: string): void;
  onError(error: Error): void;
  onClose(): void;
}

/** One open client connection. */
export interface BenchClient {
  send(text: string): void;
  /** Drops the connection at once, without a close handshake. */
  terminate(): void;
}

/** Opens a client on `url` (the `ws://…/app/{key}?…` endpoint) over `transport`. */
export function openBenchClient(
  url: string,
  transport: BenchTransport,
  handlers: BenchClientHandlers,
): BenchClient {
  if (transport === 'ws') return openWebSocket(url, handlers);
  return new FallbackClient(url, transport, handlers);
}

function openWebSocket(url: string, handlers: BenchClientHandlers): BenchClient {
  const ws = new WebSocket(url, { perMessageDeflate: false, skipUTF8Validation: true });
  ws.on('message', (data: Buffer) => handlers.onMessage(data.toString()));
  ws.on('error', (error) => handlers.onError(error));
  ws.on('close', () => handlers.onClose());
  return { send: (text) => ws.send(text), terminate: () => ws.terminate() };
}

// Keep-alive, so a polling session reuses its connections as a browser would.
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

/**
 * The client half of docs/protocol.md's "HTTP fallback transports", as pusher-js speaks it: one
 * receive request open at a time (a long stream, or one poll after another) and one `xhr_send`
 * POST per message. Frames are `o`, `h`, `a[...]` and `c[code,reason]`, one per line.
 */
class FallbackClient implements BenchClient {
  private readonly host: string;
  private readonly port: number;
  private readonly base: string;
  private readonly query: string;
  private receiving: ClientRequest | undefined;
  private isClosed = false;

  constructor(
    url: string,
    private readonly transport: 'xhr_streaming' | 'xhr_polling',
    private readonly handlers: BenchClientHandlers,
  ) {
    const parsed = new URL(url);
    this.host = parsed.hostname;
    this.port = Number(parsed.port);
    const session = `${Math.floor(Math.random() * 1000)}/${randomBytes(5).toString('hex').slice(0, 8)}`;
    this.base = `/pusher${parsed.pathname}/${session}`;
    this.query = parsed.search;
    this.receive();
  }

  send(text: string): void {
    if (this.isClosed) return;
    const req = this.post('/xhr_send', (res) => res.resume());
    req.end(JSON.stringify([text]));
  }

  terminate(): void {
    this.isClosed = true;
    this.receiving?.destroy();
  }

  private receive(): void {
    const path = this.transport === 'xhr_streaming' ? '/xhr_streaming' : '/xhr';
    const req = this.post(`${path}${this.query}`, (res) => {
      let pending = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        pending += chunk;
        let newline: number;
        while ((newline = pending.indexOf('\n')) >= 0) {
          this.frame(pending.slice(0, newline));
          pending = pending.slice(newline + 1);
        }
      });
      res.on('end', () => {
        if (this.isClosed) return;
        // A poll ends after each answer; a stream only when the server or a proxy ends it.
        if (this.transport === 'xhr_polling') this.receive();
        else this.close();
      });
    });
    this.receiving = req;
    req.end();
  }

  private frame(line: string): void {
    // `o` (open) and `h` (heartbeat) carry nothing for the loader.
    if (line.startsWith('a')) {
      for (const text of JSON.parse(line.slice(1)) as string[]) this.handlers.onMessage(text);
    } else if (line.startsWith('c')) {
      this.close();
    }
  }

  private post(path: string, onResponse: (res: IncomingMessage) => void): ClientRequest {
    const req = request(
      { agent, host: this.host, port: this.port, method: 'POST', path: `${this.base}${path}` },
      onResponse,
    );
    req.on('error', (error) => {
      if (this.isClosed) return;
      this.handlers.onError(error);
      this.close();
    });
    return req;
  }

  private close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.receiving?.destroy();
    this.handlers.onClose();
  }
}
