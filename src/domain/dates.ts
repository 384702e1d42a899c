/** Calendar dates travel as ISO strings (YYYY-MM-DD); instants as ISO timestamps. */
export type IsoDate = string;

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = isoDatePattern.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function toIsoDate(instant: Date): IsoDate {
  return instant.toISOString().slice(0, 10);
}

export function dateToInstant(date: IsoDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** Adds whole months, clamping to the last day of the target month (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const d = dateToInstant(date);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return toIsoDate(new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), lastDay))));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return toIsoDate(new Date(dateToInstant(date).getTime() + days * 86_400_000));
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((dateToInstant(to).getTime() - dateToInstant(from).getTime()) / 86_400_000);
}
