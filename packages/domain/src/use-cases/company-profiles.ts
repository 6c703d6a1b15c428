import { okAsync, type ResultAsync } from 'neverthrow';
import type { QboFailure } from '../errors/qbo-fault.js';
import type { Accounting } from '../ports/accounting.js';
import type { Clock } from '../ports/clock.js';
import type { CompanyProfileCache } from '../ports/company-profile-cache.js';
import type { CompanyProfile, RealmId } from '../qbo/company-profile.js';

export interface CompanyProfilesPorts {
  readonly profiles: CompanyProfileCache;
  readonly clock: Clock;
}

/** 2500 "Invalid Reference Id", 610 "Object Not Found": a tax code, account or item the profile named may be gone. */
const REFERENCE_GONE = /^0*(2500|610)$/;

/** Whether QBO refused a write for a reference it no longer knows, so the profile it was built from may be stale. */
export const namesSomethingGone = (failure: QboFailure): boolean =>
  failure.kind === 'qbo.fault' && failure.errors.some((e) => REFERENCE_GONE.test(e.code));

/**
 * Rule 11, "profile read once": the company profile of a realm is read from QBO once and kept in the
 * shared `CompanyProfileCache`, so a 1,000-document sync reads it a handful of times, not 1,000. It is
 * read again after *Réessayer* (the prerequisites' retry, also run on every connection), and after a
 * write QBO refused because a reference it named is gone (2500, 610). The cache only saves requests:
 * when the store fails, QBO is read, and a profile that cannot be kept is still used.
 */
export class CompanyProfiles {
  constructor(private readonly ports: CompanyProfilesPorts) {}

  /**
   * The kept profile of the realm, else QBO's (then kept).
   * @returns ok(profile)
   * @returns err(QboFailure) if it had to be read from QBO and QBO failed
   */
  read(accounting: Accounting): ResultAsync<CompanyProfile, QboFailure> {
    return this.ports.profiles
      .get(accounting.realmId)
      .orElse(() => okAsync(null))
      .andThen((cached) => (cached === null ? this.readAndKeep(accounting) : okAsync(cached.profile)));
  }

  /**
   * *Réessayer*: forgets the kept profile (so no process goes on with it if QBO cannot be read now),
   * reads QBO, keeps what it read.
   * @returns ok(profile) as QBO has it now
   * @returns err(QboFailure) if QBO failed (the realm then has no kept profile)
   */
  refresh(accounting: Accounting): ResultAsync<CompanyProfile, QboFailure> {
    return this.forget(accounting.realmId).andThen(() => this.readAndKeep(accounting));
  }

  /** After a failed write: when QBO says a reference is gone, the next reader (in any process) reads QBO again. */
  forgetIfGone(realmId: RealmId, failure: QboFailure): ResultAsync<void, never> {
    return namesSomethingGone(failure) ? this.forget(realmId) : okAsync(undefined);
  }

  private forget(realmId: RealmId): ResultAsync<void, never> {
    return this.ports.profiles.invalidate(realmId).orElse(() => okAsync(undefined));
  }

  private readAndKeep(accounting: Accounting): ResultAsync<CompanyProfile, QboFailure> {
    const { profiles, clock } = this.ports;
    return accounting.readProfile().andThen((profile) =>
      profiles
        .put({ profile, readAt: clock.now() })
        .orElse(() => okAsync(undefined))
        .map(() => profile),
    );
  }
}
