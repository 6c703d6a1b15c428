import { describe, expect, test } from 'vitest';
import { localized } from './localized.js';

describe('localized', () => {
  test('keeps the French text as French and the English as English', () => {
    expect(localized('Réessayer', 'Retry')).toEqual({ fr: 'Réessayer', en: 'Retry' });
  });
});
