/** A request as QBO saw it (the sandbox's request log): when it arrived, when it was answered (wall-clock ms). */
export interface RequestSpan {
  readonly start: number;
  readonly end: number;
}

/** What the job loop logged (its debug lines, `packages/app-worker/src/jobs/job-loop.ts`), with when. */
export interface LoopEvent {
  readonly at: number;
  readonly msg: string;
  readonly leaseId?: string;
  readonly batch?: number;
}

/** The worker's share of the limits, and the windows' length (wall-clock ms, scaled). */
export interface WindowLimits {
  readonly perSecond: number;
  readonly perMinute: number;
  readonly secondMs: number;
  readonly minuteMs: number;
}

/** Why no request was in flight. */
export const IDLE_CAUSES = [
  'a limit: its window full',
  'no lease yet',
  'between leases',
  'takeMore',
  'a batch before its write (records, names, payloads, intents)',
  'batches after their write (PDFs, settlements, fates)',
  'lease held, no batch running',
  'last request → run complete',
] as const;
export type IdleCause = (typeof IDLE_CAUSES)[number];

export interface IdleGap {
  readonly start: number;
  readonly end: number;
  readonly cause: IdleCause;
}

/** The job loop's state at an instant, from its events up to then. */
interface LoopState {
  leases: number;
  everLeased: boolean;
  takingMore: number;
  writing: Set<string>;
  running: Set<string>;
}

const apply = (state: LoopState, e: LoopEvent): void => {
  const key = `${e.leaseId ?? ''}/${e.batch ?? ''}`;
  switch (e.msg) {
    case 'lease taken':
      state.leases += 1;
      state.everLeased = true;
      return;
    case 'lease released':
      state.leases = Math.max(0, state.leases - 1);
      return;
    case 'taking more':
      state.takingMore += 1;
      return;
    case 'more taken':
      state.takingMore = Math.max(0, state.takingMore - 1);
      return;
    case 'batch begun':
      state.writing.add(key);
      state.running.add(key);
      return;
    case 'batch written':
      state.writing.delete(key);
      return;
    case 'batch ended':
      state.writing.delete(key);
      state.running.delete(key);
      return;
  }
};

const causeOf = (s: LoopState): IdleCause => {
  if (s.leases === 0) return s.everLeased ? 'between leases' : 'no lease yet';
  if (s.takingMore > 0) return 'takeMore';
  if (s.writing.size > 0) return 'a batch before its write (records, names, payloads, intents)';
  if (s.running.size > 0) return 'batches after their write (PDFs, settlements, fates)';
  return 'lease held, no batch running';
};

/** How long after `at` one more request fits both windows, counting each request at its arrival. */
const windowWaitMs = (starts: readonly number[], at: number, limits: WindowLimits): number => {
  const waitFor = (size: number, lengthMs: number): number => {
    const inWindow = starts.filter((s) => s <= at && s > at - lengthMs);
    if (inWindow.length < size) return 0;
    const oldest = inWindow[inWindow.length - size] as number;
    return oldest + lengthMs - at;
  };
  return Math.max(waitFor(limits.perSecond, limits.secondMs), waitFor(limits.perMinute, limits.minuteMs));
};

/**
 * Every stretch of the run with no request in flight, and why: before the first request, after the
 * last, and between them either a limit (the worker's share of a window already spent: its pace, not
 * the module's) or what the job loop was doing (its state from its events). An oracle-free reading
 * of logs, not a measure of the limiter itself.
 */
export const idleTimeline = (o: {
  readonly spans: readonly RequestSpan[];
  readonly events: readonly LoopEvent[];
  readonly limits: WindowLimits;
  readonly launchedAt: number;
  readonly completedAt: number;
}): IdleGap[] => {
  const spans = [...o.spans].sort((a, b) => a.start - b.start);
  const starts = spans.map((s) => s.start);
  const events = [...o.events].sort((a, b) => a.at - b.at);
  const gaps: IdleGap[] = [];
  const first = spans[0];
  if (first === undefined) return [{ start: o.launchedAt, end: o.completedAt, cause: 'no lease yet' }];
  const state: LoopState = { leases: 0, everLeased: false, takingMore: 0, writing: new Set(), running: new Set() };
  let applied = 0;
  const advanceTo = (t: number): void => {
    while (applied < events.length && (events[applied] as LoopEvent).at <= t) apply(state, events[applied++] as LoopEvent);
  };
  // From the launch: the stretch before the first request is read as any other.
  let reached = o.launchedAt;
  for (const span of spans) {
    if (span.start > reached) {
      let t = reached;
      const limited = Math.min(span.start, t + windowWaitMs(starts, t, o.limits));
      if (limited > t) gaps.push({ start: t, end: limited, cause: 'a limit: its window full' });
      t = limited;
      // Split the rest where the loop's state changes.
      while (t < span.start) {
        advanceTo(t);
        const end = applied < events.length ? Math.min(span.start, (events[applied] as LoopEvent).at) : span.start;
        const cause = causeOf(state);
        const last = gaps[gaps.length - 1];
        if (last !== undefined && last.cause === cause && last.end === t) gaps[gaps.length - 1] = { ...last, end };
        else gaps.push({ start: t, end, cause });
        t = end;
      }
    }
    reached = Math.max(reached, span.end);
  }
  if (o.completedAt > reached) gaps.push({ start: reached, end: o.completedAt, cause: 'last request → run complete' });
  return gaps;
};

/** Seconds per cause (every cause, 0 when absent), in `IDLE_CAUSES`' order. */
export const idleByCause = (gaps: readonly IdleGap[]): Record<IdleCause, number> => {
  const sums = Object.fromEntries(IDLE_CAUSES.map((c) => [c, 0])) as Record<IdleCause, number>;
  for (const g of gaps) sums[g.cause] += (g.end - g.start) / 1000;
  return sums;
};
