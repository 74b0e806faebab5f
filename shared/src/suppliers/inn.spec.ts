import { describe, expect, it } from 'vitest';
import { innControlDigits, innError, isOrganisationInn, isValidInn, isValidKpp } from './inn.js';

describe('INN', () => {
  it.each([
    ['7707083893', 'Sberbank'],
    ['7736050003', 'Gazprom'],
    ['7728168971', 'Alfa-Bank'],
    ['7702070139', 'VTB'],
    ['7736207543', 'Yandex'],
    ['7830002293', 'a St Petersburg organisation'],
  ])('accepts the 10-digit INN %s (%s)', (inn) => {
    expect(innError(inn)).toBeNull();
    expect(isValidInn(inn)).toBe(true);
    expect(isOrganisationInn(inn)).toBe(true);
  });

  it('accepts a 12-digit INN of a person or sole trader', () => {
    expect(innError('500100732259')).toBeNull();
    expect(isValidInn('500100732259')).toBe(true);
    expect(isOrganisationInn('500100732259')).toBe(false);
  });

  it.each([
    ['7707083894', 'last digit changed'],
    ['7707083839', 'two digits swapped'],
    ['1027700132', 'an OGRN prefix, not an INN'],
    ['500100732250', '12th digit wrong'],
    ['500100732269', '11th digit wrong'],
    ['772407353806', 'random 12 digits'],
  ])('reports CHECKSUM for %s (%s)', (inn) => {
    expect(innError(inn)).toBe('CHECKSUM');
    expect(isValidInn(inn)).toBe(false);
  });

  it.each(['770708389', '77070838931', '5001007322591', '1', '7'.repeat(20)])(
    'reports LENGTH for the %s digits',
    (inn) => {
      expect(innError(inn)).toBe('LENGTH');
    },
  );

  it.each([
    '',
    ' 7707083893',
    '7707083893 ',
    '7707-083893',
    '77O7083893',
    '７７０７０８３８９３',
    '+7707083893',
  ])('reports FORMAT for %j: no clean-up is attempted', (inn) => {
    expect(innError(inn)).toBe('FORMAT');
    expect(isValidInn(inn)).toBe(false);
  });

  it('reports FORMAT for a value that is not a string at run time', () => {
    expect(innError(7707083893 as unknown as string)).toBe('FORMAT');
  });

  it('computes the control digits of known INNs from their prefixes', () => {
    expect(innControlDigits('770708389')).toBe('3');
    expect(innControlDigits('773605000')).toBe('3');
    expect(innControlDigits('5001007322')).toBe('59');
  });

  it('completes any prefix into a valid INN of the right kind', () => {
    for (let i = 0; i < 2_000; i++) {
      const nine = String(100_000_000 + ((i * 7_919_111) % 900_000_000));
      const ten = String(1_000_000_000 + ((i * 79_191_113) % 9_000_000_000));
      expect(isValidInn(nine + innControlDigits(nine))).toBe(true);
      expect(isValidInn(ten + innControlDigits(ten))).toBe(true);
      // Any other final digit is rejected.
      const wrong = (Number(innControlDigits(nine)) + 1 + (i % 9)) % 10;
      expect(innError(nine + String(wrong))).toBe('CHECKSUM');
    }
  });

  it('rejects prefixes that are not 9 or 10 digits', () => {
    expect(() => innControlDigits('12345678')).toThrow(RangeError);
    expect(() => innControlDigits('12345678901')).toThrow(RangeError);
    expect(() => innControlDigits('12345678a')).toThrow(RangeError);
  });
});

describe('KPP', () => {
  it.each(['773601001', '997250001', '7736AB001', '7701ZZ999'])('accepts %s', (kpp) => {
    expect(isValidKpp(kpp)).toBe(true);
  });

  it.each([
    '77360100',
    '7736010011',
    '7736ab001',
    'A73601001',
    '773601A01',
    '7736-01-001',
    ' 773601001',
    '',
  ])('rejects %j', (kpp) => {
    expect(isValidKpp(kpp)).toBe(false);
  });
});
