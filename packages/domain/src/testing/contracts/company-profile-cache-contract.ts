import type { CachedProfile, CompanyProfileCache } from '../../ports/company-profile-cache.js';
import { aCompanyProfile } from '../builders/company-profile.js';
import { expectEqual, mustSucceed, type ContractCase } from './contract-case.js';

const r1: CachedProfile = { profile: aCompanyProfile({ realmId: 'R1' }), readAt: 1_700_000_000_000 };
const r2: CachedProfile = { profile: aCompanyProfile({ realmId: 'R2', companyName: 'Jardins SARL' }), readAt: 1_700_000_001_000 };

/**
 * What every `CompanyProfileCache` must do. Each case gets an empty cache; `other` is a second handle
 * on the same storage (another process), or the same object for an in-process cache.
 */
export interface CompanyProfileCacheSubject {
  readonly cache: CompanyProfileCache;
  readonly other: CompanyProfileCache;
}

export const companyProfileCacheContract: readonly ContractCase<CompanyProfileCacheSubject>[] = [
  {
    name: 'returns the profile put for a realm, as it was put (decimals and all), and nothing for another realm',
    run: async ({ cache }) => {
      expectEqual(await mustSucceed(cache.get('R1'), 'get'), null, 'before');
      await mustSucceed(cache.put(r1), 'put');
      expectEqual(await mustSucceed(cache.get('R1'), 'get'), r1, 'after');
      expectEqual(await mustSucceed(cache.get('R2'), 'get'), null, 'another realm');
    },
  },
  {
    name: 'replaces the profile put again, and invalidating one realm leaves the others',
    run: async ({ cache }) => {
      await mustSucceed(cache.put(r1), 'put');
      await mustSucceed(cache.put(r2), 'put R2');
      const newer: CachedProfile = { profile: { ...r1.profile, discountsAllowed: !r1.profile.discountsAllowed }, readAt: r1.readAt + 5 };
      await mustSucceed(cache.put(newer), 'put again');
      expectEqual(await mustSucceed(cache.get('R1'), 'get'), newer, 'replaced');
      await mustSucceed(cache.invalidate('R1'), 'invalidate');
      await mustSucceed(cache.invalidate('R9'), 'invalidate a realm never kept');
      expectEqual(await mustSucceed(cache.get('R1'), 'get'), null, 'invalidated');
      expectEqual(await mustSucceed(cache.get('R2'), 'get'), r2, 'the other realm');
    },
  },
  {
    name: 'every process sees what another put or invalidated',
    run: async ({ cache, other }) => {
      await mustSucceed(cache.put(r1), 'put');
      expectEqual(await mustSucceed(other.get('R1'), 'get from the other process'), r1, 'shared');
      await mustSucceed(other.invalidate('R1'), 'invalidate from the other process');
      expectEqual(await mustSucceed(cache.get('R1'), 'get'), null, 'invalidated for everyone');
    },
  },
];
