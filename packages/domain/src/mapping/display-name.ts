import type { CustomerSnapshot } from '../documents/document.js';
import { uniqueQboName } from './qbo-name.js';

/**
 * The QBO `DisplayName` of an Ogustine customer, e.g. `Jean Dupont (C1042)`: no `:`, tab, newline or
 * control character, at most 100 characters, the same for the same customer, and distinct for distinct
 * customer ids, so homonyms never collide (QBO wants it unique across customers, vendors and
 * employees). A blank name falls back to `Client`.
 * @returns the display name
 */
export const customerDisplayName = (customer: CustomerSnapshot): string => uniqueQboName(customer.name, customer.id, 'Client');
