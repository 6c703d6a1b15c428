import { CommonWayClient, PEER_SHARE } from '../baseline/common-way-client.js';
import type { BenchRun } from '../world/bench-run.js';
import type { WireDocument } from '../world/documents.js';
import { CLIENT_ID, CLIENT_SECRET } from '../world/sandboxes.js';
import { initialSync } from './initial-sync.js';
import type { ScenarioOptions, ScenarioResult } from './scenario.js';

interface Entity {
  readonly DocNumber?: string;
}

/**
 * The same documents synced the common way (`CommonWayClient`) into a second company of the same
 * sandbox, with the same limits, latency and time scale, once the module's sync ended (so the two
 * do not share the machine's cores); the figures set side by side.
 */
const commonWay =
  (o: ScenarioOptions) =>
  async (run: BenchRun, documents: readonly WireDocument[], module: ScenarioResult): Promise<ScenarioResult> => {
    const { qbo } = run.sandboxes;
    const company = qbo.admin.createCompany({ country: 'FR', customTxnNumbers: true, companyName: 'Bench common way' });
    qbo.admin.injectFaults({ realmId: company.realmId, latencyMs: Math.round(o.latencyMs * o.scale) });
    console.log(`  the module is done; the same ${documents.length} documents the common way, into realm ${company.realmId}`);
    const client = new CommonWayClient({
      qboUrl: run.sandboxes.qboUrl,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      realmId: company.realmId,
      accessToken: company.accessToken,
      billingUrl: run.sandboxes.billingUrl,
      billingToken: run.sandboxes.billingToken,
      scale: o.scale,
      withPdf: o.pdf,
    });
    const startedAt = Date.now();
    await client.prepare();
    const failures = await client.syncAll(documents);
    const seconds = (Date.now() - startedAt) / 1000;
    for (const f of failures.slice(0, 5)) console.warn(`  common way, not sent: ${f.id}: ${f.error}`);

    const { requests, counts } = qbo.admin.requests(company.realmId);
    const inspected = qbo.admin.inspect(company.realmId) as { entities: Record<string, readonly Entity[]> };
    const transactions = [...(inspected.entities['Invoice'] ?? []), ...(inspected.entities['CreditMemo'] ?? [])].length;
    const moduleRequests = (module.figures['requests per document'] ?? 0) * documents.length;
    const moduleSeconds = module.figures['seconds (wall clock)'] ?? Number.NaN;
    const perDocument = Object.fromEntries(
      Object.entries(counts).map(([endpoint, n]) => [`common way: requests per document: ${endpoint}`, n / documents.length]),
    );
    return {
      options: { 'common way: documents at once': PEER_SHARE.concurrent, 'common way: requests per minute': PEER_SHARE.perMinute },
      figures: {
        'common way: seconds (wall clock)': seconds,
        'common way: seconds at Intuit pace': seconds / o.scale,
        'common way: requests per document': requests.length / documents.length,
        ...perDocument,
        'common way: 429s received': requests.filter((r) => r.status === 429).length,
        'common way: transactions in QBO': transactions,
        'common way: documents failed': failures.length,
        'requests: common way / module': requests.length / moduleRequests,
        'time: common way / module': seconds / moduleSeconds,
      },
    };
  };

/**
 * Baseline: the initial-sync scenario (the module, on the sandbox's first company), then the same
 * work the common way on a second company of the same sandbox, and the ratios of requests and time.
 */
export const baseline = (o: ScenarioOptions): Promise<ScenarioResult> => initialSync(o, commonWay(o));
