// QBO stamps times in the company's time zone; the sandbox plays a Pacific-time company (as Intuit's sandboxes are).
const offsetHours = -7;
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

const shifted = (at: Date): Date => new Date(at.getTime() + offsetHours * 3_600_000);

/** `2015-07-24T10:33:39-07:00`, the MetaData form. */
export const qboDateTime = (at: Date): string => {
  const d = shifted(at);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}-0${-offsetHours}:00`;
};

/** `2015-07-24T10:33:39.110-07:00`, the top-level `time` of every JSON answer. */
export const qboResponseTime = (at: Date): string => {
  const d = shifted(at);
  return `${qboDateTime(at).slice(0, 19)}.${pad(d.getUTCMilliseconds(), 3)}-0${-offsetHours}:00`;
};

/** `2015-07-24`, the company's current date (TxnDate default). */
export const qboDate = (at: Date): string => qboDateTime(at).slice(0, 10);
