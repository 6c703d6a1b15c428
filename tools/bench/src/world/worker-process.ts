import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The worker's entry point, run from source through tsx as `npm run start:worker` does. */
const WORKER_MAIN = fileURLToPath(new URL('../../../../packages/app-worker/src/main.ts', import.meta.url));

export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Resolves once the worker logged that it started. */
  readonly started: Promise<void>;
  readonly exited: Promise<number | null>;
  /** The highest resident set size seen (bytes), sampled from /proc every 100 ms. */
  peakRssBytes(): number;
  /** Lines logged at warn or above, and jobs that ended held or failed (the worker logs JSON). */
  readonly troubles: string[];
  /** The last lines it logged. */
  readonly recent: string[];
  kill(signal: NodeJS.Signals): void;
}

const rssBytes = (pid: number): number => {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? 0 : Number(match[1]) * 1024;
  } catch {
    return 0;
  }
};

/** Starts the real worker (`packages/app-worker`) as a child process with `env` (and PATH). */
export const startWorker = (env: Record<string, string>): WorkerProcess => {
  const child = spawn(process.execPath, ['--conditions=@ogustine-qbo/source', '--import', 'tsx', WORKER_MAIN], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const troubles: string[] = [];
  const recent: string[] = [];
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
    troubles,
    recent,
    kill: (signal) => child.kill(signal),
  };
};
