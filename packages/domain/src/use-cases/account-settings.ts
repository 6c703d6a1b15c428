import type { AccountId } from '../documents/document.js';
import { initialModuleState } from '../policy/module-state.js';
import { scheduleStatus, syncSchedule, type ScheduleStatus, type SyncSchedule } from '../policy/sync-schedule.js';
import type { UnmetPrerequisite } from '../policy/unmet-prerequisite.js';
import type { AccountSettings } from '../ports/settings-store.js';
import { calendarDateIn, DEFAULT_TIME_ZONE, type Instant } from '../shared/time.js';

/** Settings of an account that never used the module. */
export const freshSettings = (accountId: AccountId): AccountSettings => ({ accountId, moduleState: initialModuleState, version: 0 });

/**
 * The schedule in force: the one the user chose, else from the first day of the current year in
 * the account's time zone (the billing core's, known once the history import started; Paris time
 * before), so the first preview shows this year's documents until the user picks another day.
 */
export const scheduleOf = (settings: AccountSettings, now: Instant): SyncSchedule => {
  if (settings.schedule !== undefined) return settings.schedule;
  const timeZone = settings.timeZone ?? DEFAULT_TIME_ZONE;
  return syncSchedule(`${calendarDateIn(now, timeZone).slice(0, 4)}-01-01`, timeZone);
};

/** Whether automatic sending is suspended, read from the schedule at `now` (never stored, so never stale). */
export const automaticSyncStatus = (settings: AccountSettings, now: Instant): ScheduleStatus =>
  scheduleStatus(scheduleOf(settings, now), now);

/** Whether documents go with Ogustine's PDF attached: on unless the account turned it off. */
export const attachesPdf = (settings: AccountSettings): boolean => settings.attachPdf !== false;

/** The unmet prerequisites of the last check (none when it passed or never ran). */
export const lastUnmet = (settings: AccountSettings): readonly UnmetPrerequisite[] =>
  settings.moduleState.prerequisites.kind === 'failing' ? settings.moduleState.prerequisites.unmet : [];
