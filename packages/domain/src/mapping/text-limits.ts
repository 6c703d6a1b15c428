/**
 * Cuts a text to at most `max` UTF-16 code units (how QBO, a Java service, counts characters) without
 * splitting a surrogate pair, then trims the end.
 * @returns the text, cut when longer than `max`
 */
export const cutToLength = (text: string, max: number): string => {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? max - 1 : max;
  return text.slice(0, end).trimEnd();
};
