import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Every JSON line it logged so far. */
  readonly lines: Record<string, unknown>[];
  /** Resolves with its exit code (null when a signal ended it). */
  readonly exited: Promise<number | null>;
  /** Whether it logged a line with this `msg`. */
  logged(msg: string): boolean;
}

/** The worker as its own process (`src/main.ts` through tsx, workspace packages from source), `env` and PATH only. */
export const startWorkerProcess = (env: Record<string, string>): WorkerProcess => {
  const child = spawn(process.execPath, ['--conditions=@ogustine-qbo/source', '--import', 'tsx', MAIN], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const line of parts) if (line.trim() !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
    // To look into a failing test: LIVE_WORLD_OUT=<file> keeps what every worker logged.
    const out = process.env['LIVE_WORLD_OUT'];
    if (out !== undefined) appendFileSync(out, parts.map((l) => `${String(child.pid)} ${l}\n`).join(''));
  });
  // What a crash prints outside pino is shown, never swallowed.
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, lines, exited, logged: (msg) => lines.some((l) => l['msg'] === msg) };
};
