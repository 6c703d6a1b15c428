import type { OgustineDocument } from './document.js';
import { toDocumentWire } from './document-wire.js';

/**
 * What differs between two snapshots of one validated document, by top-level field of the wire
 * format (`customer`, `lines`, `totals`…), compared in their canonical wire form (the same
 * document always serialises the same way). A validated document never changes (French rules:
 * corrections go through a credit note), so any difference is shown, never applied.
 * @returns the names of the fields that differ, in wire order; empty when the snapshots are the same
 */
export const snapshotChanges = (first: OgustineDocument, second: OgustineDocument): readonly string[] => {
  const a = toDocumentWire(first) as unknown as Record<string, unknown>;
  const b = toDocumentWire(second) as unknown as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return fields.filter((field) => JSON.stringify(a[field]) !== JSON.stringify(b[field]));
};
