import type { QboShareClaims } from '../../ports/qbo-share-claims.js';
import { expectEqual, mustSucceed, type ContractCase } from './contract-case.js';

/**
 * What every `QboShareClaims` must do. Each case gets an empty store; `other` is a second handle on the
 * same storage (another process), or the same object for an in-process store.
 */
export interface QboShareClaimsSubject {
  readonly claims: QboShareClaims;
  readonly other: QboShareClaims;
}

const T = 1_700_000_000_000;
const read = async (claims: QboShareClaims, realms: readonly string[]) =>
  [...(await mustSucceed(claims.claimsOf(realms), 'claimsOf')).entries()].sort(([a], [b]) => a.localeCompare(b));

export const qboShareClaimsContract: readonly ContractCase<QboShareClaimsSubject>[] = [
  {
    name: 'answers until when each realm asked for is claimed, and nothing for a realm never claimed nor for none asked',
    run: async ({ claims }) => {
      expectEqual(await read(claims, ['R1', 'R2']), [], 'before any claim');
      await mustSucceed(claims.claim('R1', T + 60_000), 'claim R1');
      await mustSucceed(claims.claim('R3', T + 30_000), 'claim R3');
      expectEqual(
        await read(claims, ['R1', 'R2', 'R3']),
        [
          ['R1', T + 60_000],
          ['R3', T + 30_000],
        ],
        'claims of R1, R2, R3',
      );
      expectEqual(await read(claims, ['R2']), [], 'a realm never claimed');
      expectEqual(await read(claims, []), [], 'no realm asked');
    },
  },
  {
    name: 'a claim reaching later extends the realm’s; one reaching less far never shortens it',
    run: async ({ claims }) => {
      await mustSucceed(claims.claim('R1', T + 60_000), 'claim');
      await mustSucceed(claims.claim('R1', T + 90_000), 'claim later');
      expectEqual(await read(claims, ['R1']), [['R1', T + 90_000]], 'extended');
      await mustSucceed(claims.claim('R1', T + 70_000), 'claim less far');
      expectEqual(await read(claims, ['R1']), [['R1', T + 90_000]], 'not shortened');
    },
  },
  {
    name: 'every process sees the claims another made',
    run: async ({ claims, other }) => {
      await mustSucceed(claims.claim('R1', T + 60_000), 'claim');
      expectEqual(await read(other, ['R1']), [['R1', T + 60_000]], 'read by the other process');
      await mustSucceed(other.claim('R1', T + 120_000), 'claim from the other process');
      expectEqual(await read(claims, ['R1']), [['R1', T + 120_000]], 'seen by the first');
    },
  },
];
