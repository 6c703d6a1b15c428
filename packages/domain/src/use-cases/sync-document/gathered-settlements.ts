import { err, ok, ResultAsync, type Result } from 'neverthrow';
import type { QboFailure } from '../../errors/qbo-fault.js';
import { MAX_BATCH_SIZE, type Accounting, type CreditApplication, type CreditOutcome } from '../../ports/accounting.js';
import type { QboId } from '../../qbo/company-profile.js';

/** An entry QBO left out of a batch's answer may have been applied: an unknown outcome (read in the balances later, never sent again). */
const UNANSWERED: QboFailure = { kind: 'qbo.unavailable', status: 200 };

/**
 * One place in a `GatheredSettlements`, for the credit note of one chain of a lease batch: it takes
 * the seat, stores its intent with the gathered `requestid`, then sends its application with the
 * others'; or it goes without (`leave`). Once only: a later application of the note is sent alone.
 */
export interface SettlementSeat {
  /** @returns the gathered `requestid` to store the intent with; undefined if the seat was taken or left before (send alone) */
  take(): string | undefined;
  /**
   * Sends the application of the seat taken with the others' once every seat is sent or left.
   * @returns its own outcome, as `Accounting.applyCredit` would answer it
   */
  send(application: CreditApplication): ResultAsync<QboId, QboFailure>;
  /** Goes without (or gives up a seat taken): the others need not wait for it. Idempotent, and a no-op once sent. */
  leave(): void;
}

interface Joined {
  readonly batchId: string;
  readonly application: CreditApplication;
  readonly answer: (outcome: Result<QboId, QboFailure>) => void;
  readonly fail: (e: unknown) => void;
}

/**
 * The first settlements of a lease batch's credit notes (`firstSettlement`: applied unread), sent in
 * one batch request of Payments rather than one request each (the 100 credit notes of a 2,100
 * document backlog cost 100 requests one by one). Each seat (one per chain of the batch) is taken,
 * its intent stored with the gathered `requestid`, then sent with its application, or it leaves;
 * once every seat is sent or left, the applications go out together (one alone goes as a single
 * `applyCredit`: a batch of one would spend the batch allowance). Each note then hears its own
 * outcome and carries on as after a single `applyCredit`: applied, refused (balances read), or
 * unknown (read again after the in-flight window, never re-sent). No seat waits for another that
 * waits for it: a seat not sent leaves when its document's run ends, whatever the end.
 */
export class GatheredSettlements {
  private readonly joined: Joined[] = [];
  private open: number;
  private sent = false;

  constructor(
    private readonly accounting: Accounting,
    readonly requestId: string,
    seats: number,
  ) {
    if (seats > MAX_BATCH_SIZE) throw new Error(`GatheredSettlements: ${seats} seats, at most ${MAX_BATCH_SIZE} fit one batch request`);
    this.open = seats;
  }

  /** A seat; `seats` of them are handed out, each sent or left once. */
  seat(): SettlementSeat {
    let state: 'free' | 'taken' | 'done' = 'free';
    const done = (): void => {
      state = 'done';
      this.open -= 1;
      this.sendWhenAllIn();
    };
    return {
      take: () => {
        if (state !== 'free' || this.sent) return undefined;
        state = 'taken';
        return this.requestId;
      },
      send: (application) => {
        if (state !== 'taken') throw new Error('SettlementSeat: send without take');
        const answered = new Promise<Result<QboId, QboFailure>>((answer, fail) =>
          this.joined.push({ batchId: `p${this.joined.length}`, application, answer, fail }),
        );
        done();
        return new ResultAsync(answered);
      },
      leave: () => {
        if (state !== 'done') done();
      },
    };
  }

  private sendWhenAllIn(): void {
    if (this.open > 0 || this.sent || this.joined.length === 0) return;
    this.sent = true;
    const joined = [...this.joined];
    void this.send(joined).then(
      (outcomes) => {
        for (const j of joined) j.answer(outcomes.get(j.batchId) ?? err(UNANSWERED));
      },
      // A bug, or a process dying mid-request (the tests' crash): every joined note hears of it as its own call would.
      (e: unknown) => {
        for (const j of joined) j.fail(e);
      },
    );
  }

  private async send(joined: readonly Joined[]): Promise<ReadonlyMap<string, Result<QboId, QboFailure>>> {
    const [only] = joined;
    if (joined.length === 1 && only !== undefined)
      return new Map([[only.batchId, await this.accounting.applyCredit(only.application, this.requestId)]]);
    const answer = await this.accounting.applyCredits(
      joined.map((j) => ({ batchId: j.batchId, application: j.application })),
      this.requestId,
    );
    if (answer.isErr()) return new Map(joined.map((j) => [j.batchId, err(answer.error)]));
    return new Map(answer.value.map((o: CreditOutcome) => [o.batchId, o.kind === 'applied' ? ok(o.paymentId) : err(o.failure)]));
  }
}
