/** What the acknowledgements need of a channel and its messages (amqplib's `Channel.ack`, `Message.fields.deliveryTag`). */
export interface AckChannel<M> {
  ack(message: M, allUpTo: boolean): void;
}

/**
 * The acknowledgements of one channel, sent together: what was acked within one turn of the event
 * loop (a group's messages settle together) goes out at the next turn as one multiple ack, up to
 * the highest delivery tag below every message still in hand, and the rest (behind a message still
 * in hand) one by one. A multiple ack never covers a message in hand: the broker still owns it.
 */
export class AcksInOrder<M> {
  /** Delivery tags received and not settled, in delivery order (tags grow on a channel). */
  private readonly inHand = new Set<number>();
  /** Acked by the consumer, not yet sent. */
  private readonly ready = new Map<number, M>();
  private scheduled = false;

  /**
   * @param channel where the acks go
   * @param tagOf the message's delivery tag
   * @param sent told how many messages each send settled (whether the send threw or not: a closed channel hands them back itself)
   */
  constructor(
    private readonly channel: AckChannel<M>,
    private readonly tagOf: (message: M) => number,
    private readonly sent: (count: number) => void,
  ) {}

  /** A message was delivered: it is in hand until acked or settled otherwise. */
  received(message: M): void {
    this.inHand.add(this.tagOf(message));
  }

  /** A message is to be acked: it goes out at the next turn, with the others acked meanwhile. */
  ack(message: M): void {
    this.ready.set(this.tagOf(message), message);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  /** A message was settled otherwise (nacked): it no longer holds back the acks after it. */
  settledOtherwise(message: M): void {
    this.inHand.delete(this.tagOf(message));
  }

  /** Sends what is ready now. */
  flush(): void {
    this.scheduled = false;
    if (this.ready.size === 0) return;
    let waiting = Number.POSITIVE_INFINITY;
    for (const tag of this.inHand)
      if (!this.ready.has(tag)) {
        waiting = tag;
        break;
      }
    let upTo: M | undefined;
    let upToTag = -1;
    const alone: M[] = [];
    for (const [tag, message] of this.ready) {
      if (tag > waiting) alone.push(message);
      else if (tag > upToTag) {
        upTo = message;
        upToTag = tag;
      }
    }
    const count = this.ready.size;
    for (const tag of this.ready.keys()) this.inHand.delete(tag);
    this.ready.clear();
    try {
      if (upTo !== undefined) this.channel.ack(upTo, true);
      for (const message of alone) this.channel.ack(message, false);
    } catch {
      // IllegalOperationError: the channel closed meanwhile; the messages come again on the next connection.
    }
    this.sent(count);
  }
}
