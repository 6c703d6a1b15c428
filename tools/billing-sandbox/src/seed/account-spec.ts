// The accounts a sandbox serves: who they are and how much history they have. Everything else about
// their documents follows from the sandbox's seed.

/** A taxed company, or an association whose services à la personne are exempt (0 %). */
export type AccountProfile = 'company' | 'association';

export interface AccountSpec {
  readonly accountId: string;
  /** Trade name, printed on PDFs. */
  readonly name: string;
  /** IANA time zone: creation days (and `createdFrom`) are read in it. */
  readonly timeZone: string;
  /** BCP 47, e.g. `fr-FR`. */
  readonly locale: string;
  readonly profile: AccountProfile;
  readonly pricesIncludeTax: boolean;
  /** How many validated documents the seed gives it (0 to 99,999), spread over its history. */
  readonly documents: number;
  /** The history's first and last days, `YYYY-MM-DD` (UTC days). */
  readonly historyFrom: string;
  readonly historyTo: string;
}

export const MAX_SEEDED_DOCUMENTS = 99_999;

const base = {
  timeZone: 'Europe/Paris',
  locale: 'fr-FR',
  profile: 'company',
  pricesIncludeTax: false,
  documents: 0,
  historyFrom: '2023-01-02',
  historyTo: '2026-10-30',
} as const;

/** A spec with sensible values for what is left out: a Paris company, prices excluding tax, history 2023–2026. */
export const accountSpec = (partial: Partial<AccountSpec> & { readonly accountId: string }): AccountSpec => ({
  ...base,
  name: `Compte ${partial.accountId}`,
  ...partial,
});

/** What `npm run billing-sandbox` serves when told nothing else. */
export const DEFAULT_ACCOUNTS: readonly AccountSpec[] = [
  accountSpec({ accountId: 'A1', name: 'Aux Petits Soins', documents: 600 }),
  accountSpec({
    accountId: 'A2',
    name: 'Ti Kaz Services',
    timeZone: 'Indian/Reunion',
    locale: 'fr-RE',
    pricesIncludeTax: true,
    documents: 150,
    historyFrom: '2024-01-02',
  }),
  accountSpec({ accountId: 'A3', name: 'Association Entraide Bocage', profile: 'association', documents: 80, historyFrom: '2025-01-02' }),
];
