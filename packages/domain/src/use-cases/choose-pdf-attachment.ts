import { ok, type ResultAsync } from 'neverthrow';
import type { AccountId } from '../documents/document.js';
import type { SettingsStore } from '../ports/settings-store.js';
import type { StoreError } from '../ports/store-error.js';
import { attachesPdf, freshSettings } from './account-settings.js';
import { updateSettings } from './update-settings.js';

export interface ChoosePdfAttachmentPorts {
  readonly settings: SettingsStore;
}

/**
 * « Joindre le PDF Ogustine » (`ATTACH_PDF_SETTING`), an account setting, on by default: each
 * document reaches QBO with Ogustine's PDF attached (one upload request each), or, off, without it.
 * It applies to documents that reach QBO from then on; those already there keep what they have.
 */
export class ChoosePdfAttachment {
  constructor(private readonly ports: ChoosePdfAttachmentPorts) {}

  /**
   * @returns ok(whether documents are sent with the PDF)
   * @returns err(store.*) if the settings cannot be read
   */
  show(accountId: AccountId): ResultAsync<boolean, StoreError> {
    return this.ports.settings.get(accountId).map((stored) => attachesPdf(stored ?? freshSettings(accountId)));
  }

  /**
   * Turns the setting on or off. The settings are saved by compare-and-set on their version; a
   * save that lost to another writer (the worker counting the initial sync, another request) reads
   * them again and applies the choice to what it reads, so the user's click neither fails nor undoes the other write.
   * @returns ok(the setting as stored)
   * @returns err(store.conflict) if other writers won `SETTINGS_SAVE_ATTEMPTS` times in a row
   * @returns err(store.unavailable) if the store fails
   */
  choose(accountId: AccountId, attachPdf: boolean): ResultAsync<boolean, StoreError> {
    return updateSettings(this.ports.settings, accountId, (current) =>
      ok(attachesPdf(current) === attachPdf ? null : { ...current, attachPdf }),
    ).map(attachesPdf);
  }
}
