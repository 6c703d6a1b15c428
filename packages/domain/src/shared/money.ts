import { decimal, roundHalfUp, type Decimal } from './decimal.js';

/** An amount of money in integer cents (minor units of the document's currency). */
export type Cents = number;

/** ISO 4217 code, e.g. `EUR`. */
export type CurrencyCode = string;

export const centsToDecimal = (cents: Cents): Decimal => decimal(cents, 2);

/** Rounds a decimal amount of currency units to cents, half away from zero (as QBO rounds amounts). */
export const toCents = (amount: Decimal): Cents => Number(roundHalfUp(amount, 2).units);

/** A JSON number in currency units for a payload (`1234` cents → `12.34`). */
export const centsToAmount = (cents: Cents): number => cents / 100;

export const sumCents = (values: readonly Cents[]): Cents => values.reduce((a, b) => a + b, 0);
