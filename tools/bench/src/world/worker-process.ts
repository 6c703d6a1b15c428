import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LoopEvent } from '../figures/idle-timeline.js';

/** The worker's entry point, run from source through tsx as `npm run start:worker` does. */
const WORKER_MAIN = fileURLToPath(new URL('../../../../packages/app-worker/src/main.ts', import.meta.url));

export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Resolves once the worker logged that it started. */
  readonly started: Promise<void>;
  readonly exited: Promise<number | null>;
  /** The highest resident set size seen (bytes), sampled from /proc every 100 ms. */
  peakRssBytes(): number;
  /** Its resident set now, the kernel's high-water mark of it (`VmHWM`) and the sampled peak, in bytes (0 once it exited). */
  memory(): { readonly rssBytes: number; readonly highWaterBytes: number; readonly sampledPeakBytes: number };
  /** CPU time the process used so far, user and system (seconds): a cost per event that the machine's load does not inflate. */
  cpuSeconds(): number;
  /** Lines logged at warn or above, and jobs that ended held or failed (the worker logs JSON). */
  readonly troubles: string[];
  /** The last lines it logged. */
  readonly recent: string[];
  /** What its job loop logged at debug level (leases, batches, takeMore), for the idle timeline. */
  readonly loopEvents: LoopEvent[];
  kill(signal: NodeJS.Signals): void;
}

/** A `/proc/<pid>/status` field in bytes (`VmRSS`, `VmHWM`), 0 when the process is gone. */
const statusBytes = (pid: number, field: 'VmRSS' | 'VmHWM'): number => {
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? 0 : Number(match[1]) * 1024;
  } catch {
    return 0;
  }
};

/** Clock ticks per second of /proc's CPU times (Linux's USER_HZ, 100 on every common build). */
const USER_HZ = 100;

const cpuSecondsOf = (pid: number): number => {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / USER_HZ;
  } catch {
    return Number.NaN;
  }
};

const rssBytes = (pid: number): number => statusBytes(pid, 'VmRSS');

/** The job loop's lines the idle timeline reads (`src/figures/idle-timeline.ts`). */
const LOOP_LINE = /"msg":"(lease taken|lease released|taking more|more taken|batch begun|batch written|batch ended|nothing due)"/;

const loopEventOf = (line: string): LoopEvent | undefined => {
  try {
    const parsed = JSON.parse(line) as { time?: string; msg?: string; leaseId?: string; batch?: number };
    if (parsed.time === undefined || parsed.msg === undefined) return undefined;
    return {
      at: Date.parse(parsed.time),
      msg: parsed.msg,
      ...(parsed.leaseId === undefined ? {} : { leaseId: parsed.leaseId }),
      ...(parsed.batch === undefined ? {} : { batch: parsed.batch }),
    };
  } catch {
    return undefined;
  }
};

/** The worker as production runs it (`npm start -w @ogustine-qbo/app-worker`: `node dist/main.js`, after `npm run build`). */
export const BUILT_WORKER_MAIN = fileURLToPath(new URL('../../../../packages/app-worker/dist/main.js', import.meta.url));

const WORKER_PACKAGE = fileURLToPath(new URL('../../../../packages/app-worker/package.json', import.meta.url));

/** Node's flags in the worker's `npm start` (its heap cap), read from there so the built worker runs exactly as production starts it. */
export const productionNodeFlags = (): string[] => {
  const start = (JSON.parse(readFileSync(WORKER_PACKAGE, 'utf8')) as { scripts: { start: string } }).scripts.start;
  return start.split(/\s+/).filter((word) => word.startsWith('--'));
};

/**
 * Starts the real worker (`packages/app-worker`) as a child process with `env` (and PATH): from its
 * source through tsx, or `built` as production runs it (what a memory figure must measure: tsx's
 * loader holds the transpiled sources too).
 */
export const startWorker = (env: Record<string, string>, from: 'source' | 'built' = 'source'): WorkerProcess => {
  const main =
    from === 'built'
      ? [...productionNodeFlags(), BUILT_WORKER_MAIN]
      : ['--conditions=@ogustine-qbo/source', '--import', 'tsx', WORKER_MAIN];
  // Node's own flags for the worker (`BENCH_WORKER_NODE_ARGS="--cpu-prof --cpu-prof-dir=prof"`): to see where its time goes.
  const args = [...(process.env['BENCH_WORKER_NODE_ARGS'] ?? '').split(' ').filter((a) => a !== ''), ...main];
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const troubles: string[] = [];
  const recent: string[] = [];
  const loopEvents: LoopEvent[] = [];
  let peak = 0;
  const sampler = setInterval(() => {
    if (child.pid !== undefined) peak = Math.max(peak, rssBytes(child.pid));
  }, 100);
  let buffered = '';
  let onStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (onStarted = resolve));
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      recent.push(line);
      if (recent.length > 20) recent.shift();
      if (line.includes('"msg":"worker started"')) onStarted();
      if (LOOP_LINE.test(line) && loopEvents.length < 100_000) {
        const event = loopEventOf(line);
        if (event !== undefined) loopEvents.push(event);
      }
      // warn, error and fatal (the worker's pino writes the level's label, not its number); and the jobs that ended held or failed (info).
      if ((/"level":"(warn|error|fatal)"/.test(line) || /"outcome":"(held|failed)"/.test(line)) && troubles.length < 10_000)
        troubles.push(line);
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => troubles.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      clearInterval(sampler);
      resolve(code);
    }),
  );
  return {
    child,
    started: Promise.race([
      started,
      exited.then((code) => Promise.reject(new Error(`the worker exited (${code}): ${troubles.slice(-3).join(' | ')}`))),
    ]),
    exited,
    peakRssBytes: () => peak,
    memory: () => {
      const pid = child.pid ?? 0;
      return { rssBytes: statusBytes(pid, 'VmRSS'), highWaterBytes: statusBytes(pid, 'VmHWM'), sampledPeakBytes: peak };
    },
    cpuSeconds: () => (child.pid === undefined ? Number.NaN : cpuSecondsOf(child.pid)),
    troubles,
    recent,
    loopEvents,
    kill: (signal) => child.kill(signal),
  };
};
