import { describe, expect, it } from 'vitest';
import { idCheckChar, maskIdNumber, maskPhone, parseIdNumber } from './id-number';

const TODAY = '2026-03-02';
/** A valid number for a birth date and sequence, with the check character computed independently below. */
const make = (birth: string, seq = '123') => {
  const first17 = `110105${birth}${seq}`;
  return first17 + idCheckChar(first17);
};

describe('GB 11643 ID numbers', () => {
  it.each([
    // The standard's own example.
    ['11010519491231002X', '1949-12-31', 'female'],
    [make('19900307', '153'), '1990-03-07', 'male'],
  ])('accepts %s', (id, birthDate, gender) => {
    expect(parseIdNumber(id, TODAY)).toEqual({ value: id, birthDate, gender });
  });

  it('refuses a birth date before 1900', () => {
    expect(parseIdNumber(make('18991231'), TODAY)).toEqual({ error: expect.stringContaining('出生日期') });
  });

  it('computes the check character by ISO 7064 MOD 11-2', () => {
    // 11010519491231002X: Σ(digit × weight) mod 11 = 2 → X
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idCheckChar('51343119900307153')).toBe(
      '10X98765432'[
        [...'51343119900307153'].reduce(
          (s, d, i) => s + Number(d) * [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2][i]!,
          0,
        ) % 11
      ],
    );
  });

  it('accepts a lower-case x and surrounding spaces', () => {
    expect(parseIdNumber(' 11010519491231002x ', TODAY)).toMatchObject({ value: '11010519491231002X' });
  });

  it.each([
    ['a wrong check character', '110105194912310021', '校验位'],
    ['17 digits', '11010519491231002', '18位'],
    ['a letter inside', '1101051949123100AX', '18位'],
    ['February 30th', make('19900230'), '出生日期'],
    ['a birth date after today', make('20260303'), '晚于今天'],
  ])('refuses %s', (_, id, message) => {
    expect(parseIdNumber(id, TODAY)).toEqual({ error: expect.stringContaining(message) });
  });

  it('accepts a birth date of today, and derives gender from the 17th digit', () => {
    expect(parseIdNumber(make('20260302', '124'), TODAY)).toMatchObject({
      birthDate: '2026-03-02',
      gender: 'female',
    });
    expect(parseIdNumber(make('19800101', '123'), TODAY)).toMatchObject({ gender: 'male' });
  });

  it('masks', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});
