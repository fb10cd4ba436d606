// What the device does with a command from the page: the reply is a line of output, sent at once.

/** What the device knows about itself, for `status`. */
export interface DeviceStats {
  nextSeq: number;
  pendingCount: number;
  droppedCount: number;
  startedAt: number;
}

/** Most lines `burst` makes at once. */
const MAX_BURST = 1000;

/** The reply to `command`, and how many extra lines to produce (`burst 200`). */
export function runCommand(
  command: string,
  stats: DeviceStats,
  now: number,
): { reply: string; burst: number } {
  const [name = '', ...rest] = command.trim().split(/\s+/);
  const argument = rest.join(' ');
  switch (name.toLowerCase()) {
    case 'ping':
      return { reply: `reply to "${command}": pong`, burst: 0 };
    case 'echo':
      return { reply: `reply to "${command}": ${argument}`, burst: 0 };
    case 'status': {
      const uptime = Math.round((now - stats.startedAt) / 1000);
      return {
        reply: `reply to "${command}": up ${uptime}s, ${stats.nextSeq - 1} lines, ${stats.pendingCount} waiting, ${stats.droppedCount} dropped`,
        burst: 0,
      };
    }
    case 'burst': {
      const count = Math.min(MAX_BURST, Math.max(0, Number.parseInt(argument, 10) || 0));
      return { reply: `reply to "${command}": sending ${count} lines`, burst: count };
    }
    default:
      return {
        reply: `reply to "${command}": unknown command (try ping, echo <text>, status, burst <n>)`,
        burst: 0,
      };
  }
}
