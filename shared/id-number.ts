/**
 * Chinese resident ID numbers (GB 11643-1999): 6 digits of region, 8 of birth date, 3 of
 * sequence (odd for men, even for women) and a check character (ISO 7064 MOD 11-2, 0–9 or X).
 * Pure functions shared by the server (validation, import) and the web form.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The check character the first 17 digits call for. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK_CHARS[sum % 11] as string;
}

export interface ParsedIdNumber {
  /** upper-case, trimmed */
  value: string;
  birthDate: string;
  gender: 'male' | 'female';
}

/**
 * Parse an ID number, or say in Chinese what is wrong with it: the shape, the birth date, or
 * the check character. `today` (YYYY-MM-DD) bounds the birth date.
 */
export function parseIdNumber(raw: string, today: string): ParsedIdNumber | { error: string } {
  const value = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return { error: '身份证号应为18位，前17位为数字，最后一位为数字或X' };
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  const d = new Date(`${birthDate}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== birthDate || birthDate < '1900-01-01')
    return { error: `身份证号中的出生日期 ${birthDate} 无效` };
  if (birthDate > today) return { error: `身份证号中的出生日期 ${birthDate} 晚于今天` };
  if (idCheckChar(value.slice(0, 17)) !== value[17])
    return { error: '身份证号校验位不正确，请核对后重新填写' };
  return { value, birthDate, gender: Number(value[16]) % 2 === 1 ? 'male' : 'female' };
}

/** `110105********002X`: the region and the last four, as shown on screen (S16). */
export const maskIdNumber = (id: string): string => `${id.slice(0, 6)}********${id.slice(-4)}`;

/** `138****5678` */
export const maskPhone = (phone: string): string =>
  phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
