import type { DocumentEvent, EventPublisher } from '@ogustine-qbo/billing-sandbox';

interface HistoryPage {
  readonly documents: readonly { readonly id: string; readonly kind: string; readonly validatedAt: string }[];
  readonly nextCursor: string | null;
}

/**
 * Publishes the account's whole validated history once, as the billing core's events (version 1),
 * so the module records it as an Ogustine that had the module installed from the start would have.
 * The event id is the document's: a restart on the same database republishes nothing new (the worker
 * handles an event id once).
 * @returns how many documents were published
 */
export const publishHistory = async (
  billing: { readonly request: (path: string, init: RequestInit) => Response | Promise<Response> },
  token: string,
  accountId: string,
  publisher: EventPublisher,
): Promise<number> => {
  let cursor: string | null = null;
  let published = 0;
  do {
    const query = new URLSearchParams({ createdFrom: '2000-01-01', limit: '500', ...(cursor === null ? {} : { cursor }) });
    const answer = await billing.request(`/v1/accounts/${encodeURIComponent(accountId)}/documents?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!answer.ok) throw new Error(`billing sandbox: the history of ${accountId} answered ${answer.status}`);
    const page = (await answer.json()) as HistoryPage;
    for (const document of page.documents) {
      const event: DocumentEvent = {
        version: 1,
        eventId: `history-${accountId}-${document.id}`,
        occurredAt: document.validatedAt,
        accountId,
        type: document.kind === 'credit_note' ? 'credit_note.validated' : 'invoice.validated',
        document,
      };
      await publisher.publish(event);
      published += 1;
    }
    cursor = page.nextCursor;
  } while (cursor !== null);
  return published;
};
