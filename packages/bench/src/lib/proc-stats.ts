// The server's own resource use, read from /proc: CPU time from stat, resident memory from status.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks per second for /proc/<pid>/stat times (`getconf CLK_TCK`, 100 on Linux). */
export const CLOCK_TICKS_PER_SECOND = readClockTicks();

function readClockTicks(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(ticks) && ticks > 0 ? ticks : 100;
  } catch {
    return 100;
  }
}

/**
 * User + system CPU time of `pid` so far, in microseconds (all threads, from /proc/<pid>/stat).
 * Resolution is one clock tick (10 ms at 100 Hz), so scenarios do enough work to span many ticks.
 */
export function cpuTimeUs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces and parentheses; fields resume after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the name, field 3 (state) is index 0, so utime (14) and stime (15) are 11 and 12.
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1_000_000) / CLOCK_TICKS_PER_SECOND;
}

/** Resident set size of `pid` in kilobytes (VmRSS from /proc/<pid>/status). */
export function residentKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (match === null) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]);
}

/** Measures the CPU the processes `pids` spend between `start()` and `stop()`, with the wall time between. */
export class CpuMeter {
  private readonly pids: readonly number[];
  private cpuStartUs = 0;
  private wallStartMs = 0;

  constructor(pids: number | readonly number[]) {
    this.pids = typeof pids === 'number' ? [pids] : pids;
  }

  start(): void {
    this.cpuStartUs = this.totalUs();
    this.wallStartMs = performance.now();
  }

  /** CPU microseconds and wall milliseconds since `start()`. */
  stop(): { cpuUs: number; wallMs: number } {
    return {
      cpuUs: this.totalUs() - this.cpuStartUs,
      wallMs: performance.now() - this.wallStartMs,
    };
  }

  private totalUs(): number {
    return this.pids.reduce((sum, pid) => sum + cpuTimeUs(pid), 0);
  }
}
