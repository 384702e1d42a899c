/**
 * A case code is a pseudonym: Attune never names a family. People type codes by hand, and the two ways a
 * real identity most often slips into a "code" are a name ("Smith", "Jo-Ann") and a date of birth
 * ("12/03/2019", "20190312", "12MAR19"). These rules refuse both, at the cost of refusing a few codes that
 * were innocent: the person simply picks another.
 *
 * The rules: 3 to 20 characters; letters, digits and hyphens only (no spaces); at least one digit; no run of
 * more than 4 letters and no Title-case word; nothing that reads as a date. Codes are stored upper-case, so
 * "fam-0142" and "FAM-0142" are the same case.
 */
export const caseCodeExample = 'FAM-0142';
export const caseCodeRule = `A case code is 3 to 20 letters, digits and hyphens, with at least one digit and no more than 4 letters in a row — for example ${caseCodeExample}.`;

export function normaliseCaseCode(raw: string): string {
  return raw.trim().toUpperCase();
}

const months = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'SEPT', 'OCT', 'NOV', 'DEC'];

/** Problems with a typed case code, each a sentence the person can act on; empty when it is usable. */
export function caseCodeProblems(raw: string): string[] {
  const code = raw.trim();
  if (!code) return [`Enter a case code, for example ${caseCodeExample}.`];
  if (/\s/.test(code)) return [`A case code is one word with no spaces, for example ${caseCodeExample} — words with spaces look like a person's name.`];
  if (code.length < 3 || code.length > 20) return [caseCodeRule];
  if (!/^[A-Za-z0-9-]+$/.test(code)) return [`A case code may hold only letters, digits and hyphens. ${caseCodeRule}`];
  if (looksLikeDate(code)) return [`That code looks like a date, such as a date of birth. Use a code that says nothing about who the family is, for example ${caseCodeExample}.`];
  if (looksLikeName(code)) return [`That code looks like a name. Use a short prefix and a number instead, for example ${caseCodeExample}.`];
  if (!/\d/.test(code)) return [`A case code needs at least one digit, for example ${caseCodeExample}, so it cannot be a family's name.`];
  return [];
}

function looksLikeName(code: string): boolean {
  const words = code.match(/[A-Za-z]+/g) ?? [];
  // Long letter runs are words or surnames; a capital followed by small letters is how names are typed.
  return words.some((w) => w.length > 4 || /^[A-Z][a-z]+$/.test(w));
}

export function looksLikeDate(code: string): boolean {
  const upper = code.toUpperCase();
  // 12-03-2019, 12.3.19, 2019-03-12
  for (const m of upper.matchAll(/(\d{1,4})[-./](\d{1,2})[-./](\d{1,4})/g)) {
    const [a, b, c] = [m[1]!, m[2]!, m[3]!];
    if (a.length === 4 ? isDate(Number(a), Number(b), Number(c)) : c.length >= 2 && (isDayMonth(Number(a), Number(b)) || isDayMonth(Number(b), Number(a)))) return true;
  }
  // 12-03: two two-digit numbers joined by a hyphen that read as a day and a month.
  for (const m of upper.matchAll(/(?:^|[^0-9])(\d{1,2})-(\d{1,2})(?![0-9])/g)) if (isDayMonth(Number(m[1]), Number(m[2])) && m[1]!.length + m[2]!.length === 4) return true;
  // 20190312 or 12032019
  for (const m of upper.matchAll(/\d{8,}/g)) {
    const run = m[0];
    if (run.length !== 8) continue;
    if (isDate(Number(run.slice(0, 4)), Number(run.slice(4, 6)), Number(run.slice(6, 8)))) return true;
    if (isDate(Number(run.slice(4, 8)), Number(run.slice(2, 4)), Number(run.slice(0, 2)))) return true;
  }
  // 12MAR19, MAR2019, 3JAN
  const month = months.join('|');
  if (new RegExp(`\\d(${month})|(^|[^A-Z])(${month})\\d{2,4}(?![0-9])`).test(upper)) return true;
  return false;
}

function isDayMonth(day: number, month: number): boolean {
  return day >= 1 && day <= 31 && month >= 1 && month <= 12;
}

function isDate(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > 2100 || !isDayMonth(day, month)) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}
