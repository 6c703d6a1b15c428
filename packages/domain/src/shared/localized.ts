/** A text a user reads: French first, English available. */
export interface Localized {
  readonly fr: string;
  readonly en: string;
}

export type Language = keyof Localized;

export const localized = (fr: string, en: string): Localized => ({ fr, en });
