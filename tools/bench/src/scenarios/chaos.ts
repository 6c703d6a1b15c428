import { SqlHistoryImportStore } from '@ogustine-qbo/adapters/sql';
import { docNumberFor, historyImportProgress, isRunComplete, type SyncRun } from '@ogustine-qbo/domain';
import { ACCOUNT, openRun, until, type BenchRun } from '../world/bench-run.js';
import { documentStatuses, type Tally } from '../world/document-statuses.js';
import { initialSyncWorkload, workloadDocuments, type WireDocument } from '../world/documents.js';
import { surfacedErrors } from '../world/qbo-figures.js';
import { AMQP_URL } from '../world/sandboxes.js';
import { openTcpProxy, throughProxy, type TcpProxy } from '../world/tcp-proxy.js';
import { eventOf, publishAll, recordHistory } from './initial-sync.js';
import type { ScenarioOptions, ScenarioResult } from './scenario.js';

/** The faults of the whole run, at Intuit's pace (the issue's figures). */
const FAULTS = {
  serverErrorRate: 0.05,
  dropResponseRate: 0.02,
  /** The access token is made to expire this often (Intuit: every hour). */
  tokenExpiryMinutes: 3,
  kills: 3,
  brokerCuts: 2,
  /** How long the broker stays unreachable, at Intuit's pace (at least 3 s of wall clock: amqplib's own back-off is not scaled). */
  brokerDownSeconds: 30,
  /** Each burst refuses every request with 429 for one (scaled) minute. */
  throttleBursts: 3,
  /** A document still unsettled this long after the run's end is stuck. */
  stuckAfterMinutes: 10,
} as const;

type Disruption = { readonly at: number; readonly kind: 'kill' | 'broker' | 'throttle' };

/** The moments of the disruptions, as fractions of the run's documents settled, drawn at random in [0.05, 0.9). */
const drawDisruptions = (): Disruption[] =>
  [
    ...Array.from({ length: FAULTS.kills }, () => 'kill' as const),
    ...Array.from({ length: FAULTS.brokerCuts }, () => 'broker' as const),
    ...Array.from({ length: FAULTS.throttleBursts }, () => 'throttle' as const),
  ]
    .map((kind) => ({ kind, at: 0.05 + Math.random() * 0.85 }))
    .sort((a, b) => a.at - b.at);

/** What QBO holds, read in process: transactions per DocNumber, and PDFs per transaction. */
const qboHolds = (run: BenchRun) => {
  const inspected = run.sandboxes.qbo.admin.inspect(run.sandboxes.company.realmId) as {
    entities: Record<string, readonly Record<string, unknown>[]>;
  };
  const transactions = [...(inspected.entities['Invoice'] ?? []), ...(inspected.entities['CreditMemo'] ?? [])];
  const byNumber = new Map<string, number>();
  for (const t of transactions) byNumber.set(String(t['DocNumber']), (byNumber.get(String(t['DocNumber'])) ?? 0) + 1);
  const pdfsByTransaction = new Map<string, number>();
  for (const a of inspected.entities['Attachable'] ?? []) {
    const refs = (a['AttachableRef'] ?? []) as readonly { EntityRef?: { type?: string; value?: string } }[];
    for (const ref of refs) {
      const key = `${ref.EntityRef?.type}/${ref.EntityRef?.value}`;
      pdfsByTransaction.set(key, (pdfsByTransaction.get(key) ?? 0) + 1);
    }
  }
  return {
    transactions: transactions.length,
    byNumber,
    duplicates: [...byNumber.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0),
    pdfsTwice: [...pdfsByTransaction.values()].filter((n) => n > 1).length,
  };
};

const invalidGrants = (run: BenchRun): number => run.sandboxes.qbo.admin.tokenRequests().filter((r) => r.error === 'invalid_grant').length;

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The worker and what is done to it: SIGKILL then a new process at once, the broker cut (through the
 * proxy the worker reaches RabbitMQ by) and restored, a burst of 429s.
 */
const disruptor = (run: BenchRun, proxy: TcpProxy, env: Record<string, string>, scale: number) => {
  const done = { kill: 0, broker: 0, throttle: 0 };
  let worker: Awaited<ReturnType<BenchRun['startWorkerProcess']>> | undefined;
  return {
    done,
    start: async (): Promise<void> => {
      worker = await run.startWorkerProcess(env);
    },
    apply: async (d: Disruption): Promise<void> => {
      done[d.kind] += 1;
      switch (d.kind) {
        case 'kill': {
          const killed = worker;
          killed?.kill('SIGKILL');
          await killed?.exited;
          console.log(`  SIGKILL the worker (${done.kill} of ${FAULTS.kills}); a new one starts`);
          worker = await run.startWorkerProcess(env);
          return;
        }
        case 'broker': {
          console.log(`  broker connections cut (${done.broker} of ${FAULTS.brokerCuts})`);
          proxy.cut();
          await wait(Math.max(3_000, FAULTS.brokerDownSeconds * 1000 * scale));
          proxy.restore();
          return;
        }
        case 'throttle': {
          // A burst the worker feels: refused for a scaled minute, again until a request met a 429 (five minutes at most).
          console.log(`  429 burst (${done.throttle} of ${FAULTS.throttleBursts})`);
          const admin = run.sandboxes.qbo.admin;
          const realmId = run.sandboxes.company.realmId;
          const seen = admin.requests(realmId).requests.length;
          const felt = (): boolean =>
            admin
              .requests(realmId)
              .requests.slice(seen)
              .some((r) => r.status === 429);
          for (let minute = 0; minute < 5 && !felt(); minute += 1) {
            admin.injectFaults({ realmId, throttleNow: true });
            await until(felt, 60_000 * scale, 50);
          }
          return;
        }
      }
    },
  };
};

/**
 * The initial sync under chaos: 5 % of QBO's answers 5xx (500 and 503 in turn), 2 % committed with the
 * answer lost, bursts of 429, the access token expiring every few (scaled) minutes, the worker killed
 * with SIGKILL three times and restarted, its broker connection cut twice, every document event
 * delivered twice. Figures: duplicates in QBO, documents missing at the run's end and stuck ten
 * scaled minutes later (neither in QBO nor visibly failed or held), `invalid_grant` answers, and
 * 429s received and surfaced.
 */
export const chaos = async (o: ScenarioOptions): Promise<ScenarioResult> => {
  const workload = initialSyncWorkload(ACCOUNT, o.documents ?? 2_100);
  const documents: readonly WireDocument[] = [...workloadDocuments(workload)];
  const disruptions = drawDisruptions();
  const run = await openRun({ scenario: 'chaos', scale: o.scale, latencyMs: o.latencyMs });
  const amqp = new URL(AMQP_URL);
  const proxy = await openTcpProxy({ host: amqp.hostname, port: Number(amqp.port === '' ? 5672 : amqp.port) });
  const minuteMs = 60_000 * o.scale;
  const timers: NodeJS.Timeout[] = [];
  try {
    const worker = disruptor(run, proxy, { AMQP_URL: throughProxy(AMQP_URL, proxy) }, o.scale);
    await worker.start();
    await run.module.connect(run.sandboxes, ACCOUNT);
    // First delivery of every event; the second comes during the run, below.
    await recordHistory(run, documents);
    // The user launches once the preview is complete: the worker's import of the billing core's history is done.
    const imports = new SqlHistoryImportStore(run.module.database);
    const imported = await until(
      async () => historyImportProgress((await imports.get(ACCOUNT))._unsafeUnwrap()).kind === 'done',
      o.timeoutMs,
      250,
    );
    if (!imported) throw new Error('the history import did not end');
    console.log(`  ${documents.length} documents recorded; launching the initial sync under chaos`);
    console.log(`  disruptions at (fraction of documents settled): ${disruptions.map((d) => `${d.kind} ${d.at.toFixed(2)}`).join(', ')}`);
    const realmId = run.sandboxes.company.realmId;
    const admin = run.sandboxes.qbo.admin;
    const invalidGrantBefore = invalidGrants(run);
    admin.clearRequests();
    run.sandboxes.slowDown();
    let status: 500 | 503 = 503;
    const setFaults = (on: boolean): void =>
      admin.injectFaults({
        realmId,
        failRate: { rate: on ? FAULTS.serverErrorRate : 0, status },
        dropResponseRate: on ? FAULTS.dropResponseRate : 0,
      });
    setFaults(true);

    const startedAt = Date.now();
    const { runId, queued } = await run.module.launch(ACCOUNT);
    // 500 and 503 in turn, a minute each; the access token expires every few minutes.
    timers.push(
      setInterval(() => {
        status = status === 503 ? 500 : 503;
        setFaults(true);
      }, minuteMs),
    );
    let expiries = 0;
    timers.push(
      setInterval(() => {
        expiries += admin.expireTokens(realmId, 'access') > 0 ? 1 : 0;
      }, FAULTS.tokenExpiryMinutes * minuteMs),
    );
    // Every event delivered a second time, in 30 groups over five (scaled) minutes of the run.
    const redelivered = (async () => {
      const group = Math.ceil(documents.length / 30);
      for (let i = 0; i < documents.length; i += group) {
        await publishAll(
          run,
          documents.slice(i, i + group).map((d) => eventOf(d)),
        );
        await wait(minuteMs / 6);
      }
    })();

    const current = async (): Promise<SyncRun | null> => (await run.module.stores.runs.get(ACCOUNT, runId))._unsafeUnwrap();
    let last: SyncRun | null = null;
    let ended = false;
    const settled = (): number => (last === null || last.total === 0 ? 0 : (last.sent + last.failed + last.held) / last.total);
    // Each disruption once its fraction of the run is settled, after a random delay of up to two
    // scaled minutes (documents settle a batch at a time: without it, every kill would fall between two batches).
    const disrupting = (async () => {
      for (const d of disruptions) {
        await until(() => ended || settled() >= d.at, o.timeoutMs, 100);
        await until(() => ended, Math.random() * 2 * minuteMs, 100);
        if (ended) return;
        await worker.apply(d);
      }
    })();
    const completed = await until(
      async () => {
        last = await current();
        return last !== null && isRunComplete(last);
      },
      o.timeoutMs,
      100,
    );
    const seconds = (Date.now() - startedAt) / 1000;
    ended = true;
    await disrupting;
    await redelivered;
    if (!completed) console.warn(`  the run did not complete within ${o.timeoutMs} ms: ${JSON.stringify(last)}`);

    const statuses = documentStatuses(run.module, run.module.clock);
    const tally = async (): Promise<Tally> => {
      const holds = qboHolds(run);
      return statuses(
        ACCOUNT,
        documents.map((d) => ({ id: d.id, inQbo: holds.byNumber.has(docNumberFor(d.number)._unsafeUnwrap()) })),
      );
    };
    const atEnd = await tally();
    console.log(
      `  run ${completed ? 'complete' : 'not complete'} after ${seconds.toFixed(1)} s; faults off, then ${FAULTS.stuckAfterMinutes} scaled minutes`,
    );
    for (const t of timers) clearInterval(t);
    setFaults(false);
    await wait(FAULTS.stuckAfterMinutes * minuteMs);
    const later = await tally();
    const holds = qboHolds(run);
    const requests = admin.requests(realmId).requests;
    const surfaced = await surfacedErrors(run.module.database, ACCOUNT);
    const finalRun = await current();
    for (const u of later.unsettled.slice(0, 10)) console.warn(`  stuck: ${u.documentId} ${u.status}`);
    for (const [what, n] of Object.entries(run.troubles())) console.warn(`  worker: ${n} × ${what}`);
    const note = (n: string): number => requests.filter((r) => r.note === n).length;
    return {
      options: {
        documents: documents.length,
        customers: workload.customers,
        services: workload.services,
        queued,
        disruptions: disruptions.map((d) => `${d.kind}@${d.at.toFixed(2)}`).join(' '),
      },
      figures: {
        'completed (1 = yes)': completed ? 1 : 0,
        'seconds (wall clock)': seconds,
        'seconds at Intuit pace (wall / scale)': seconds / o.scale,
        duplicates: holds.duplicates,
        missing: atEnd.unsettled.length,
        stuck: later.unsettled.length,
        invalid_grant: invalidGrants(run) + invalidGrantBefore,
        '429s received': requests.filter((r) => r.status === 429).length,
        '429s surfaced (error history)': surfaced.throttled,
        'errors surfaced (error history)': surfaced.all,
        'transactions in QBO': holds.transactions,
        'documents in QBO': later.inQbo,
        'documents visibly failed or held': later.visible,
        'PDFs attached twice': holds.pdfsTwice,
        'run sent': finalRun?.sent ?? 0,
        'run failed': finalRun?.failed ?? 0,
        'run held': finalRun?.held ?? 0,
        'requests per document': requests.length / documents.length,
        'injected 5xx': note('injected-500') + note('injected-503'),
        'answers dropped after commit': note('dropped'),
        'access token expiries': expiries,
        'token refreshes': run.sandboxes.qbo.admin.tokenRequests().filter((r) => r.grantType === 'refresh_token' && r.status === 200)
          .length,
        'workers killed': worker.done.kill,
        'broker cuts': proxy.cuts(),
        '429 bursts': worker.done.throttle,
        'events delivered twice': documents.length,
      },
    };
  } finally {
    for (const t of timers) clearInterval(t);
    await run.close();
    await proxy.close();
  }
};
