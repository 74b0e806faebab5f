/**
 * Russian taxpayer numbers: INN (ИНН) and KPP (КПП).
 *
 * An INN is 10 digits for an organisation (9 + 1 control digit) or 12 digits for a person,
 * including a sole trader (10 + 2 control digits). Each control digit is the weighted sum of the
 * digits before it, modulo 11, modulo 10 (Order of the Federal Tax Service of Russia
 * No. ММВ-7-6/435@ and its predecessors). A KPP is 9 characters: tax office code (4 digits),
 * reason code (2 digits or capital Latin letters), serial number (3 digits).
 */

/** Why a string is not a valid INN. */
export type InnError = 'FORMAT' | 'LENGTH' | 'CHECKSUM';

const WEIGHTS_10 = [2, 4, 10, 3, 5, 9, 4, 6, 8] as const;
const WEIGHTS_11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8] as const;
const WEIGHTS_12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8] as const;

const DIGITS = /^\d+$/;
const KPP = /^\d{4}[\dA-Z]{2}\d{3}$/;

function controlDigit(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    sum += (digits.charCodeAt(i) - 48) * (weights[i] as number);
  }
  return (sum % 11) % 10;
}

/**
 * The reason `value` is not a valid INN, or `null` if it is one. No trimming or other clean-up:
 * `'FORMAT'` for anything but ASCII digits (spaces included), `'LENGTH'` for digits of a length
 * other than 10 or 12, `'CHECKSUM'` when a control digit does not match.
 */
export function innError(value: string): InnError | null {
  if (typeof value !== 'string' || !DIGITS.test(value)) {
    return 'FORMAT';
  }
  if (value.length !== 10 && value.length !== 12) {
    return 'LENGTH';
  }
  return value.endsWith(innControlDigits(value.slice(0, value.length === 10 ? 9 : 10)))
    ? null
    : 'CHECKSUM';
}

/** True for a 10-digit (organisation) or 12-digit (person, sole trader) INN with correct control digits. */
export function isValidInn(value: string): boolean {
  return innError(value) === null;
}

/** True for a 10-digit INN with a correct control digit: an organisation. */
export function isOrganisationInn(value: string): boolean {
  return value.length === 10 && isValidInn(value);
}

/**
 * The control digits that complete an INN: one digit for a 9-digit prefix (organisation), two for
 * a 10-digit prefix (person, sole trader). `prefix + innControlDigits(prefix)` is a valid INN.
 *
 * @throws RangeError if `prefix` is not 9 or 10 ASCII digits.
 */
export function innControlDigits(prefix: string): string {
  if (!DIGITS.test(prefix) || (prefix.length !== 9 && prefix.length !== 10)) {
    throw new RangeError(`An INN prefix is 9 or 10 digits, got "${prefix}"`);
  }
  if (prefix.length === 9) {
    return String(controlDigit(prefix, WEIGHTS_10));
  }
  const eleventh = controlDigit(prefix, WEIGHTS_11);
  const twelfth = controlDigit(prefix + String(eleventh), WEIGHTS_12);
  return `${eleventh}${twelfth}`;
}

/** True for a KPP: 4 digits, then 2 digits or capital Latin letters, then 3 digits (e.g. `773601001`, `7736AB001`). */
export function isValidKpp(value: string): boolean {
  return typeof value === 'string' && KPP.test(value);
}
