// The companies (realms) of one sandbox. Each realm's state lives in its own Company: nothing is shared.
import { randomInt } from 'node:crypto';
import { createCompany, type Company, type EntityChange } from '../company/company.js';
import { defaultSettings, type CompanySettings } from '../company/company-settings.js';

export class CompanyRegistry {
  private readonly companies = new Map<string, Company>();

  constructor(
    private readonly now: () => Date,
    /** Told of every change of every company (webhooks). */
    private readonly onChange: (realmId: string, change: EntityChange) => void = () => undefined,
  ) {}

  /** Creates a company from a country's defaults overlaid with `patch`. @returns the new company */
  create(country: string, patch: Partial<CompanySettings>): Company {
    const settings: CompanySettings = { ...defaultSettings(country), ...patch, country: country.toUpperCase() };
    const company = createCompany(this.newRealmId(), settings, this.now);
    company.onChange = (change) => this.onChange(company.realmId, change);
    this.companies.set(company.realmId, company);
    return company;
  }

  get(realmId: string): Company | undefined {
    return this.companies.get(realmId);
  }

  list(): Company[] {
    return [...this.companies.values()];
  }

  reset(): void {
    this.companies.clear();
  }

  /** Realm ids look like Intuit's: 16 digits, the first not 0. */
  private newRealmId(): string {
    for (;;) {
      const id = `${randomInt(1, 10)}${String(randomInt(0, 1e9)).padStart(9, '0')}${String(randomInt(0, 1e6)).padStart(6, '0')}`;
      if (!this.companies.has(id)) return id;
    }
  }
}
