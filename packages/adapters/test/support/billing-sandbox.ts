// Starts the billing sandbox in-process over real HTTP for the billing-core adapter's tests.
import { createBillingSandbox, DEFAULT_TOKEN, type BillingSandbox } from '@ogustine-qbo/billing-sandbox';
import type { BillingCoreSubject } from '@ogustine-qbo/domain/testing';
import { HttpBillingCore } from '../../src/billing-core/http-billing-core.js';
import type { BillingCoreHttpOptions } from '../../src/billing-core/billing-core-options.js';

export interface RunningSandbox {
  readonly sandbox: BillingSandbox;
  readonly url: string;
  /** An adapter on this sandbox; retries wait 1 ms at most unless told otherwise. */
  readonly core: (options?: Partial<BillingCoreHttpOptions>) => HttpBillingCore;
  readonly close: () => Promise<void>;
}

/** A sandbox with no account, listening on a free port. */
export const startSandbox = async (): Promise<RunningSandbox> => {
  const sandbox = createBillingSandbox({ accounts: [] });
  const { url, close } = await sandbox.listen(0);
  return {
    sandbox,
    url,
    core: (options = {}) => new HttpBillingCore({ baseUrl: url, token: DEFAULT_TOKEN, baseDelayMs: 1, ...options }),
    close,
  };
};

/** The subject of the domain's BillingCore contract: the adapter, talking to the sandbox over HTTP. */
export const contractSubject = ({ sandbox, core }: RunningSandbox): BillingCoreSubject => ({
  core: core(),
  given: ({ account, documents, withoutPdf = [] }) => {
    sandbox.admin.addAccount({ accountId: account.accountId, timeZone: account.timeZone, locale: account.locale, documents: 0 });
    sandbox.admin.addDocuments(account.accountId, documents);
    for (const id of withoutPdf) sandbox.admin.removePdf(account.accountId, id);
    return Promise.resolve();
  },
});
