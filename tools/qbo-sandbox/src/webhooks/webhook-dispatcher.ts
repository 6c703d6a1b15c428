// Webhooks (QBO-API.md §8): a company's registered endpoint gets `{"eventNotifications":[…]}` POSTed for the changes
// of the entities it follows, signed with `intuit-signature` = base64(HMAC-SHA256(raw body, verifier token)).
import { createHmac } from 'node:crypto';
import type { EntityChange, EntityType } from '../company/company.js';
import { qboDateTime } from '../company/qbo-time.js';

export interface WebhookRegistration {
  readonly url: string;
  readonly verifierToken: string;
  /** The entities notified; by default invoices, credit memos, customers and items. */
  readonly entities: readonly EntityType[];
}

export interface WebhookDelivery {
  readonly at: string;
  readonly url: string;
  readonly body: string;
  readonly signature: string;
  /** The endpoint's HTTP status, or undefined when it could not be reached. */
  readonly status: number | undefined;
  readonly error: string | undefined;
}

export const defaultWebhookEntities: readonly EntityType[] = ['Invoice', 'CreditMemo', 'Customer', 'Item'];

/** base64(HMAC-SHA256(body, key = verifier token)), the value of `intuit-signature`. */
export const intuitSignature = (body: string, verifierToken: string): string =>
  createHmac('sha256', verifierToken).update(body, 'utf8').digest('base64');

/** `2015-10-05T14:42:19-0700`, the form of `lastUpdated` in Intuit's sample payload. */
const lastUpdated = (atMs: number): string => qboDateTime(new Date(atMs)).replace(/([+-]\d{2}):(\d{2})$/, '$1$2');

interface Pending {
  readonly realmId: string;
  readonly entities: Array<{ name: string; id: string; operation: string; lastUpdated: string }>;
}

/**
 * Collects changes per realm and delivers them soon after (the sandbox, like Intuit's, sends near real time: the
 * changes of one request go out together in one notification). No retry: a failed delivery is recorded (UNCONFIRMED policy).
 */
export class WebhookDispatcher {
  private readonly registrations = new Map<string, WebhookRegistration>();
  private readonly deliveries = new Map<string, WebhookDelivery[]>();
  private readonly pending = new Map<string, Pending>();
  private inFlight: Promise<void>[] = [];

  constructor(private readonly now: () => Date) {}

  register(realmId: string, registration: WebhookRegistration): void {
    this.registrations.set(realmId, registration);
  }

  unregister(realmId: string): boolean {
    return this.registrations.delete(realmId);
  }

  registration(realmId: string): WebhookRegistration | undefined {
    return this.registrations.get(realmId);
  }

  /** @returns the deliveries made to the realm's endpoint, oldest first */
  deliveriesOf(realmId: string): WebhookDelivery[] {
    return [...(this.deliveries.get(realmId) ?? [])];
  }

  /** Takes a change of a realm; delivered on the next turn of the event loop when the realm follows that entity. */
  notify(realmId: string, change: EntityChange): void {
    const registration = this.registrations.get(realmId);
    if (registration === undefined || !registration.entities.includes(change.type)) return;
    let pending = this.pending.get(realmId);
    if (pending === undefined) {
      pending = { realmId, entities: [] };
      this.pending.set(realmId, pending);
      setImmediate(() => this.flush(realmId));
    }
    pending.entities.push({ name: change.type, id: change.id, operation: change.operation, lastUpdated: lastUpdated(change.atMs) });
  }

  /** Resolves once every notification queued so far has been answered or has failed. */
  async idle(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    while (this.inFlight.length > 0) {
      const waiting = this.inFlight;
      this.inFlight = [];
      await Promise.all(waiting);
    }
  }

  reset(): void {
    this.registrations.clear();
    this.deliveries.clear();
    this.pending.clear();
  }

  private flush(realmId: string): void {
    const pending = this.pending.get(realmId);
    this.pending.delete(realmId);
    const registration = this.registrations.get(realmId);
    if (pending === undefined || registration === undefined || pending.entities.length === 0) return;
    const body = JSON.stringify({ eventNotifications: [{ realmId, dataChangeEvent: { entities: pending.entities } }] });
    const signature = intuitSignature(body, registration.verifierToken);
    const record = (status: number | undefined, error: string | undefined): void => {
      const list = this.deliveries.get(realmId) ?? [];
      list.push({ at: this.now().toISOString(), url: registration.url, body, signature, status, error });
      this.deliveries.set(realmId, list);
    };
    this.inFlight.push(
      fetch(registration.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'intuit-signature': signature },
        body,
        signal: AbortSignal.timeout(10_000),
      }).then(
        async (res) => {
          await res.arrayBuffer().catch(() => undefined);
          record(res.status, undefined);
        },
        (error: unknown) => record(undefined, error instanceof Error ? error.message : String(error)),
      ),
    );
  }
}
