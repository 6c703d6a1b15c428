import type { AccountId } from '../../documents/document.js';
import type { ProgressFeed, SyncProgressEvent } from '../../ports/progress-feed.js';
import { expectEqual, mustSucceed, type ContractCase } from './contract-case.js';

/**
 * The subject of the ProgressFeed contract: the feed of a worker process that publishes, and the
 * feed of an HTTP process that subscribes (another instance on the same broker; the same one for
 * an in-process feed). `listening` resolves once the subscriber's subscriptions made so far
 * receive what is published from then on.
 */
export interface ProgressFeedSubject {
  readonly publisher: ProgressFeed;
  readonly subscriber: ProgressFeed;
  readonly listening: () => Promise<void>;
}

const documentEvent = (accountId: AccountId, documentId: string, at: number): SyncProgressEvent => ({
  kind: 'progress.document',
  accountId,
  documentId,
  status: 'sent',
  at,
});

/** Collects one subscription's events; `count(n)` resolves once it holds `n` (the runner's time-out catches a feed that loses them). */
const collect = (feed: ProgressFeed, accountId: AccountId) => {
  const events: SyncProgressEvent[] = [];
  const waiting: { n: number; resolve: () => void }[] = [];
  const unsubscribe = feed.subscribe(accountId, (event) => {
    events.push(event);
    for (const w of waiting.filter((x) => events.length >= x.n)) w.resolve();
  });
  const count = (n: number): Promise<readonly SyncProgressEvent[]> =>
    events.length >= n ? Promise.resolve(events) : new Promise((resolve) => waiting.push({ n, resolve: () => resolve(events) }));
  return { events, count, unsubscribe };
};

/** What every `ProgressFeed` must do. Each case gets fresh feeds. */
export const progressFeedContract: readonly ContractCase<ProgressFeedSubject>[] = [
  {
    name: "a subscriber gets its account's events published after it subscribed, in order, with every field",
    run: async ({ publisher, subscriber, listening }) => {
      const screen = collect(subscriber, 'A1');
      await listening();
      const events: SyncProgressEvent[] = [
        { kind: 'progress.run-started', accountId: 'A1', total: 3, at: 1 },
        documentEvent('A1', 'D1', 2),
        { kind: 'progress.document', accountId: 'A1', documentId: 'D2', status: 'uncertain', at: 3 },
        { kind: 'progress.document', accountId: 'A1', documentId: 'D3', status: 'held', at: 4 },
      ];
      for (const e of events) await mustSucceed(publisher.publish(e), `publish ${e.kind}`);
      expectEqual(await screen.count(events.length), events, 'received');
    },
  },
  {
    name: "keeps accounts apart: a subscriber never gets another account's events",
    run: async ({ publisher, subscriber, listening }) => {
      const a1 = collect(subscriber, 'A1');
      const a2 = collect(subscriber, 'A2');
      await listening();
      await mustSucceed(publisher.publish(documentEvent('A2', 'X', 1)), 'publish for A2');
      await mustSucceed(publisher.publish(documentEvent('A1', 'D1', 2)), 'publish for A1');
      await mustSucceed(publisher.publish(documentEvent('A2', 'Y', 3)), 'publish for A2');
      expectEqual(
        (await a2.count(2)).map((e) => e.accountId),
        ['A2', 'A2'],
        'A2 gets its own',
      );
      expectEqual(await a1.count(1), [documentEvent('A1', 'D1', 2)], 'A1 gets only its own');
    },
  },
  {
    name: 'every subscriber of an account gets each event; one that unsubscribed gets no more; one that throws stops no other',
    run: async ({ publisher, subscriber, listening }) => {
      const first = collect(subscriber, 'A1');
      const leaving = collect(subscriber, 'A1');
      subscriber.subscribe('A1', () => {
        throw new Error('a broken screen');
      });
      const last = collect(subscriber, 'A1');
      await listening();
      await mustSucceed(publisher.publish(documentEvent('A1', 'D1', 1)), 'publish D1');
      await Promise.all([first.count(1), leaving.count(1), last.count(1)]);
      leaving.unsubscribe();
      await mustSucceed(publisher.publish(documentEvent('A1', 'D2', 2)), 'publish D2');
      await Promise.all([first.count(2), last.count(2)]);
      expectEqual(
        leaving.events.map((e) => (e.kind === 'progress.document' ? e.documentId : e.kind)),
        ['D1'],
        'the one that left got D1 only',
      );
      expectEqual(
        last.events.map((e) => (e.kind === 'progress.document' ? e.documentId : e.kind)),
        ['D1', 'D2'],
        'a subscriber after the throwing one still gets both',
      );
    },
  },
];
