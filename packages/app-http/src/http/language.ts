import type { Language, Localized } from '@ogustine-qbo/domain';

/**
 * The language of what a user reads, from `Accept-Language`: the first of French or English by the
 * client's preference (q-values), French when neither is asked for (the product speaks French first).
 */
export const negotiateLanguage = (header: string | undefined): Language => {
  if (header === undefined || header.length > 512) return 'fr';
  const ranked = header
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { primary: tag.split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), order };
    })
    .filter((t) => t.q > 0 && (t.primary === 'fr' || t.primary === 'en'))
    .sort((a, b) => b.q - a.q || a.order - b.order);
  return ranked[0]?.primary === 'en' ? 'en' : 'fr';
};

/** The text in the request's language. */
export const say = (text: Localized, language: Language): string => text[language];
