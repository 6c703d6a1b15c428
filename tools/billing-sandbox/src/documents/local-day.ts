// Days as an account lives them: 23:30 UTC on 31 December is already 1 January in Paris.

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The `YYYY-MM-DD` day an instant falls on in an IANA time zone. */
export const localDay = (ms: number, timeZone: string): string => {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f.format(new Date(ms));
};

/** Whether the runtime knows this time zone. */
export const isTimeZone = (timeZone: string): boolean => {
  try {
    localDay(0, timeZone);
    return true;
  } catch {
    return false;
  }
};

/** `YYYY-MM-DD` plus n days. */
export const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether the text is a real day written `YYYY-MM-DD`. */
export const isDay = (text: string): boolean => DAY.test(text) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
