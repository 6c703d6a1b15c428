import type { CustomerSnapshot, PostalAddress } from '../documents/document.js';
import { customerDisplayName } from './display-name.js';
import { cleanQboName } from './qbo-name.js';
import { cutToLength } from './text-limits.js';

/** A QBO `PhysicalAddress`: at most 5 lines. */
export interface QboAddress {
  readonly lines: readonly string[];
  readonly city?: string;
  readonly postalCode?: string;
  readonly country?: string;
}

/** A Customer to create in QBO, in plain domain types; every field already within QBO's limits. */
export interface QboCustomerPayload {
  readonly displayName: string;
  readonly givenName?: string;
  readonly familyName?: string;
  readonly companyName?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly billingAddress?: QboAddress;
}

/** QBO-API.md §5, Customer. */
export const QBO_CUSTOMER_LIMITS = {
  givenName: 100,
  familyName: 100,
  companyName: 100,
  email: 100,
  phone: 30,
  addressLines: 5,
  addressLine: 500,
  addressCombined: 2000,
  city: 255,
  postalCode: 30,
  country: 255,
} as const;

/**
 * An address of the form `local@domain.tld` with no space, control character or RFC 822 special
 * character: QBO asks for `@` and `.` and rejects what RFC 822 does not allow.
 */
const EMAIL = /^[^\s\p{Cc}@<>()[\]\\,;:"]+@[^\s\p{Cc}@<>()[\]\\,;:"]+\.[^\s\p{Cc}@<>()[\]\\,;:".]+$/u;

/** Name parts may hold no `:`, tab or newline either. */
const namePart = (text: string | undefined, max: number): string | undefined => {
  const cleaned = cutToLength(cleanQboName(text ?? ''), max);
  return cleaned === '' ? undefined : cleaned;
};

/** Any text field: controls become spaces, runs of spaces one space, cut to its limit. */
const plainText = (text: string | undefined, max: number): string | undefined => {
  const cleaned = cutToLength((text ?? '').replace(/[\p{Cc}\p{Zl}\p{Zp}\p{Zs}]+/gu, ' ').trim(), max);
  return cleaned === '' ? undefined : cleaned;
};

const emailOf = (text: string | undefined): string | undefined => {
  const email = text?.trim();
  return email !== undefined && email.length <= QBO_CUSTOMER_LIMITS.email && EMAIL.test(email) ? email : undefined;
};

/**
 * QBO takes 5 lines: extra lines join the fifth, separated by commas; each line is cut to 500 and the
 * lines together to 2000 (later lines are shortened or dropped first).
 */
const addressOf = (address: PostalAddress | undefined): QboAddress | undefined => {
  if (address === undefined) return undefined;
  const limits = QBO_CUSTOMER_LIMITS;
  const given = address.lines.map((l) => plainText(l, Number.MAX_SAFE_INTEGER)).filter((l): l is string => l !== undefined);
  // The fifth line and those after it make one line; with fewer lines it is empty, and ends the loop below.
  const merged = [...given.slice(0, limits.addressLines - 1), given.slice(limits.addressLines - 1).join(', ')];
  const lines: string[] = [];
  let room: number = limits.addressCombined;
  for (const line of merged) {
    const kept = cutToLength(line, Math.min(limits.addressLine, room));
    if (kept === '') break;
    lines.push(kept);
    room -= kept.length;
  }
  const city = plainText(address.city, limits.city);
  const postalCode = plainText(address.postalCode, limits.postalCode);
  const country = plainText(address.country, limits.country);
  if (lines.length === 0 && city === undefined && postalCode === undefined && country === undefined) return undefined;
  return {
    lines,
    ...(city === undefined ? {} : { city }),
    ...(postalCode === undefined ? {} : { postalCode }),
    ...(country === undefined ? {} : { country }),
  };
};

const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/**
 * The QBO Customer for an Ogustine customer: its unique display name, name parts for a person, the
 * company name for a company, contact details cut to QBO's limits. An email QBO would refuse is
 * dropped rather than failing the whole document (the invoice matters more than the address).
 * @returns the payload
 */
export const customerPayload = (customer: CustomerSnapshot): QboCustomerPayload => {
  const limits = QBO_CUSTOMER_LIMITS;
  const person = customer.kind === 'person';
  return {
    displayName: customerDisplayName(customer),
    ...optional('givenName', person ? namePart(customer.firstName, limits.givenName) : undefined),
    ...optional('familyName', person ? namePart(customer.lastName, limits.familyName) : undefined),
    ...optional('companyName', plainText(customer.companyName ?? (person ? undefined : customer.name), limits.companyName)),
    ...optional('email', emailOf(customer.email)),
    ...optional('phone', plainText(customer.phone, limits.phone)),
    ...optional('billingAddress', addressOf(customer.address)),
  };
};
