/**
 * Months are integers, never Dates: `Month` = year * 12 + (month - 1), so 2027-01 is
 * 24324 and adding k months is integer addition. The engine never reads the clock.
 */
export type Month = number & { readonly __brand: 'Month' };

const MONTH_RE = /^(\d{4})-(\d{2})$/;

/** Parses `YYYY-MM` (year 1000..9999, month 01..12); undefined when malformed. */
export function parseMonth(text: string): Month | undefined {
  const m = MONTH_RE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (year < 1000 || month < 1 || month > 12) return undefined;
  return (year * 12 + month - 1) as Month;
}

export function monthOf(year: number, month: number): Month {
  return (year * 12 + month - 1) as Month;
}

export function formatMonth(m: Month): string {
  const year = Math.floor(m / 12);
  const month = (m % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

export function addMonths(m: Month, k: number): Month {
  return (m + k) as Month;
}

/** Months from `from` to `to` (to - from); negative when `to` is earlier. */
export function monthsBetween(from: Month, to: Month): number {
  return to - from;
}

export function yearOf(m: Month): number {
  return Math.floor(m / 12);
}

/** Calendar month 1..12. */
export function calendarMonthOf(m: Month): number {
  return (m % 12) + 1;
}

/** Inclusive range of months. */
export function monthRange(from: Month, to: Month): Month[] {
  const out: Month[] = [];
  for (let m = from; m <= to; m++) out.push(m as Month);
  return out;
}

/** Real calendar days in the month (Gregorian leap years). */
export function daysInMonth(m: Month): number {
  const year = yearOf(m);
  const month = calendarMonthOf(m);
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Hours in the month: days * 24. */
export function hoursInMonth(m: Month): number {
  return daysInMonth(m) * 24;
}
