// Abuse: what one hostile client costs the server in memory (issue 21, findings 1 and 2).
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { BENCH_APP, BENCH_HOST } from '../lib/bench-app';
import { residentKb } from '../lib/proc-stats';
import type { Report } from '../lib/report';
import type { BenchContext, Scenario } from '../lib/scenario';
import { ServerProcess } from '../lib/server-process';

/** How long the invalid-frame socket keeps sending (the issue measured 20 s). */
const FLOOD_MS = 20_000;
/** The parallel oversized POSTs of finding 2: 50 × 9.9 MB. */
const POSTS = 50;
const POST_BYTES = 9.9 * 1024 * 1024;
const RSS_SAMPLE_INTERVAL_MS = 250;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (kb: number): string => (kb / 1024).toFixed(0);

/** A masked client text frame carrying `text` (short payloads only: < 126 bytes). */
function maskedTextFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const mask = randomBytes(4);
  const frame = Buffer.alloc(6 + payload.length);
  frame[0] = 0x81;
  frame[1] = 0x80 | payload.length;
  mask.copy(frame, 2);
  for (let i = 0; i < payload.length; i++) frame[6 + i] = payload[i]! ^ mask[i % 4]!;
  return frame;
}

/** Opens a WebSocket by hand on a raw TCP socket, so it can be left unread afterwards. */
async function openRawSocket(port: number): Promise<Socket> {
  const socket = connect({ host: BENCH_HOST, port });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('connect', () => resolve());
  });
  socket.write(
    `GET /app/${BENCH_APP.key}?protocol=7&client=herald-bench&version=0.1.0 HTTP/1.1\r\n` +
      `Host: ${BENCH_HOST}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
  // Read just the 101 and the greeting, then stop reading for good.
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString('latin1');
      if (!seen.includes('connection_established')) return;
      socket.off('data', onData);
      socket.pause();
      resolve();
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
  return socket;
}

/** Finding 1: tiny invalid frames from a socket that never reads, for {@link FLOOD_MS}. */
async function invalidFrameFlood(report: Report, server: ServerProcess): Promise<void> {
  const socket = await openRawSocket(server.port);
  const baselineKb = residentKb(server.pid);
  let peakKb = baselineKb;
  const sampler = setInterval(() => {
    peakKb = Math.max(peakKb, residentKb(server.pid));
  }, RSS_SAMPLE_INTERVAL_MS);
  const startMs = performance.now();
  // Writes fail (EPIPE / ECONNRESET) once the server has dropped the connection.
  let droppedAfterMs: number | undefined;
  let reason = '';
  const dropped = new Promise<void>((resolve) => {
    socket.once('error', (error: NodeJS.ErrnoException) => {
      reason = error.code ?? error.message;
      droppedAfterMs ??= performance.now() - startMs;
      resolve();
    });
  });
  // `{` is not JSON: every frame asks the server for an error reply it cannot deliver.
  const burst = Buffer.concat(Array.from({ length: 256 }, () => maskedTextFrame('{')));
  let frames = 0;
  while (droppedAfterMs === undefined && performance.now() - startMs < FLOOD_MS) {
    const isFlowing = socket.write(burst);
    frames += 256;
    if (!isFlowing) {
      // The kernel buffers are full: wait for room, for the drop, or for the end of the run.
      await Promise.race([
        new Promise((resolve) => socket.once('drain', resolve)),
        dropped,
        sleep(Math.max(0, FLOOD_MS - (performance.now() - startMs))),
      ]);
    } else if (frames % 4096 === 0) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  clearInterval(sampler);
  const endKb = residentKb(server.pid);
  // Now read what the server managed to send: did it say goodbye with 4150 (0x1036)?
  const unread: Buffer[] = [];
  let hasEnded = false;
  socket.on('data', (chunk: Buffer) => unread.push(chunk));
  socket.once('end', () => (hasEnded = true));
  socket.resume();
  await sleep(2000);
  const received = Buffer.concat(unread);
  const closeFrameAt = received.indexOf(Buffer.from([0x88]));
  const closeCode =
    closeFrameAt >= 0 && closeFrameAt + 3 < received.length
      ? received.readUInt16BE(closeFrameAt + 2)
      : undefined;
  socket.destroy();
  const afterKb = residentKb(server.pid);
  report.note(
    `abuse: invalid frames, one unread socket: ${frames} frames written in ${((droppedAfterMs ?? FLOOD_MS) / 1000).toFixed(1)} s; server RSS ${mb(baselineKb)} → peak ${mb(peakKb)} → ${mb(endKb)} at the end → ${mb(afterKb)} MB 2 s later; ` +
      (droppedAfterMs === undefined
        ? `writes still accepted after ${FLOOD_MS / 1000} s`
        : `writes failed after ${(droppedAfterMs / 1000).toFixed(1)} s (${reason})`) +
      `; afterwards read ${received.length} bytes the server had sent, close code ${closeCode ?? 'none'}, TCP ${hasEnded ? 'closed by the server' : 'still open'}`,
  );
  const record = (metric: string, value: number): void =>
    report.record('abuse', 'herald', 'invalid-frames', metric, value, { isCompared: false });
  record('rss_growth_peak_mb', (peakKb - baselineKb) / 1024);
  record('dropped_after_s', droppedAfterMs === undefined ? Number.NaN : droppedAfterMs / 1000);
  record('close_code', closeCode ?? Number.NaN);
}

/** One unsigned POST of `body` to the events endpoint; resolves its status (or the error code). */
function unsignedPost(port: number, body: Buffer, agent: Agent): Promise<string> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: BENCH_HOST,
        port,
        path: `/apps/${BENCH_APP.id}/events`,
        method: 'POST',
        agent,
        timeout: 60_000,
        headers: { 'content-type': 'application/json', 'content-length': body.length },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(String(response.statusCode)));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.end(body);
  });
}

/** Finding 2: {@link POSTS} parallel unsigned 9.9 MB POSTs. */
async function oversizedPosts(report: Report, server: ServerProcess): Promise<void> {
  const body = Buffer.alloc(POST_BYTES, 'x');
  const agent = new Agent({ keepAlive: false, maxSockets: POSTS });
  const baselineKb = residentKb(server.pid);
  let peakKb = baselineKb;
  const sampler = setInterval(() => {
    peakKb = Math.max(peakKb, residentKb(server.pid));
  }, RSS_SAMPLE_INTERVAL_MS);
  const startMs = performance.now();
  const statuses = await Promise.all(
    Array.from({ length: POSTS }, () => unsignedPost(server.port, body, agent)),
  );
  const tookMs = performance.now() - startMs;
  await sleep(2000);
  clearInterval(sampler);
  const afterKb = residentKb(server.pid);
  agent.destroy();
  const byStatus = new Map<string, number>();
  for (const status of statuses) byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
  report.note(
    `abuse: ${POSTS} parallel unsigned ${(POST_BYTES / 1024 / 1024).toFixed(1)} MB POSTs in ${(tookMs / 1000).toFixed(1)} s: ` +
      `${[...byStatus].map(([status, count]) => `${count}× ${status}`).join(', ')}; server RSS ${mb(baselineKb)} → peak ${mb(peakKb)} → ${mb(afterKb)} MB 2 s after`,
  );
  const record = (metric: string, value: number): void =>
    report.record('abuse', 'herald', 'oversized-posts', metric, value, { isCompared: false });
  record('rss_before_mb', baselineKb / 1024);
  record('rss_peak_mb', peakKb / 1024);
  record('rss_after_mb', afterKb / 1024);
}

async function runAbuse(context: BenchContext): Promise<void> {
  // A fresh server for each finding, so the second does not start from the first one's heap.
  for (const finding of [invalidFrameFlood, oversizedPosts]) {
    const server = await ServerProcess.start('herald', context);
    try {
      await finding(context.report, server);
    } finally {
      await server.stop();
    }
  }
}

/** Issue 21's memory findings from outside: an unread socket sending invalid frames, huge POSTs. */
export const abuse: Scenario = {
  name: 'abuse',
  description: `one unread socket sending invalid frames for ${FLOOD_MS / 1000} s; ${POSTS} parallel unsigned 9.9 MB POSTs; server RSS`,
  run: runAbuse,
};
