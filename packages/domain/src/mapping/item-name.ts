import type { ServiceRef } from '../documents/document.js';
import { uniqueQboName } from './qbo-name.js';

/**
 * The QBO `Item.Name` of an Ogustine service, e.g. `Ménage (S7)`: valid (no `:`, which QBO uses
 * between parent and child items, no tab, newline or control character), at most 100 characters,
 * stable, and distinct for distinct service ids. A blank name falls back to `Prestation`.
 * @returns the item name
 */
export const serviceItemName = (service: ServiceRef): string => uniqueQboName(service.name, service.id, 'Prestation');
