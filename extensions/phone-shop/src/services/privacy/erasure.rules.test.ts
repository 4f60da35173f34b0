import { describe, expect, it } from 'vitest';
import {
  confirmsCustomer,
  ERASED_TEXT,
  personalPattern,
  phoneForms,
  scrubJson,
  scrubText,
  type Person,
} from './erasure.rules.ts';

const aisha: Person = {
  name: 'Aisha  Nansubuga',
  phone: '+256772345678',
  email: 'Aisha.N@example.com',
  id_number: 'CM90012345ABCD',
};

function patternOf(person: Person) {
  const pattern = personalPattern(person);
  if (!pattern) throw new Error('no pattern');
  return pattern;
}

describe('phone forms', () => {
  it('gives the international, national and significant digits of a Ugandan number', () => {
    expect(phoneForms('+256772345678')).toEqual({
      full: '256772345678',
      national: '0772345678',
      significant: '772345678',
    });
  });

  it('has no separate national form where the country has no trunk prefix', () => {
    expect(phoneForms('+12015550123').national).toBeNull();
  });
});

describe('scrubbing text', () => {
  const pattern = patternOf(aisha);

  it('replaces the name as whole words, in any case and spacing', () => {
    expect(scrubText('Called aisha nansubuga, she will come', pattern)).toBe(
      `Called ${ERASED_TEXT}, she will come`,
    );
    expect(scrubText('AISHA\nNANSUBUGA paid', pattern)).toBe(`${ERASED_TEXT} paid`);
  });

  it('leaves a longer word that only contains the name', () => {
    expect(scrubText('Aisha Nansubugas', pattern)).toBe('Aisha Nansubugas');
  });

  it('replaces the phone in its international and national forms, spaced or not', () => {
    for (const written of ['+256772345678', '256 772 345 678', '0772 345 678', '0772-345-678', '772345678'])
      expect(scrubText(`Call ${written} today`, pattern)).toBe(`Call ${ERASED_TEXT} today`);
  });

  it('does not cut a longer number that contains the phone', () => {
    expect(scrubText('ref 90772345678', pattern)).toBe('ref 90772345678');
  });

  it('replaces the e-mail and the ID number', () => {
    expect(scrubText('mail aisha.n@EXAMPLE.com, NIN cm90012345abcd', pattern)).toBe(
      `mail ${ERASED_TEXT}, NIN ${ERASED_TEXT}`,
    );
  });

  it('is the same on a second run (the pattern is global but stateless for callers)', () => {
    const text = 'Aisha Nansubuga, 0772345678';
    expect(scrubText(text, pattern)).toBe(scrubText(text, pattern));
  });

  it('leaves a too-short name alone but still finds the phone', () => {
    const short = patternOf({ name: 'Al', phone: '+256772345678', email: null, id_number: null });
    expect(scrubText('Al called from 0772345678', short)).toBe(`Al called from ${ERASED_TEXT}`);
  });

  it('has nothing to look for when the person has no identifier long enough', () => {
    expect(personalPattern({ name: 'Al', phone: null, email: null, id_number: 'X1' })).toBeNull();
  });

  it('gives candidate expressions that match every form the exact pattern matches', () => {
    const candidates = pattern.candidates.map((c) => new RegExp(c, 'i'));
    for (const text of ['0772 345 678', '+256772345678', 'aisha   nansubuga', 'AISHA.N@example.com'])
      expect(candidates.some((c) => c.test(text))).toBe(true);
  });
});

describe('scrubbing JSON', () => {
  const pattern = patternOf(aisha);

  it('replaces the identifiers in every string, deep', () => {
    const value = {
      customer: { id: 7, name: 'Aisha Nansubuga', phone: '+256772345678' },
      lines: [{ item_name: 'Case for Aisha Nansubuga', total: 5000 }],
      amount: 5000,
      paid: true,
      note: null,
    };
    expect(scrubJson(value, pattern)).toEqual({
      customer: { id: 7, name: ERASED_TEXT, phone: ERASED_TEXT },
      lines: [{ item_name: `Case for ${ERASED_TEXT}`, total: 5000 }],
      amount: 5000,
      paid: true,
      note: null,
    });
  });

  it('replaces every value of the personal keys of a copy of the customer row', () => {
    const keys = new Set(['date_of_birth', 'gender', 'address']);
    expect(
      scrubJson(
        { date_of_birth: '1990-04-01', gender: 'Female', address: null, loyalty_points: 40 },
        null,
        keys,
      ),
    ).toEqual({ date_of_birth: ERASED_TEXT, gender: ERASED_TEXT, address: null, loyalty_points: 40 });
  });
});

describe('the confirmation', () => {
  const customer = { name: 'Aisha Nansubuga', phone: '+256772345678' };

  it('accepts the name whatever its case and spacing', () => {
    expect(confirmsCustomer('  aisha   NANSUBUGA ', customer, 'UG')).toBe(true);
  });

  it('accepts the phone in the national or international form', () => {
    expect(confirmsCustomer('0772 345 678', customer, 'UG')).toBe(true);
    expect(confirmsCustomer('+256772345678', customer, 'UG')).toBe(true);
  });

  it('refuses anything else', () => {
    expect(confirmsCustomer('Aisha', customer, 'UG')).toBe(false);
    expect(confirmsCustomer('0772 345 679', customer, 'UG')).toBe(false);
    expect(confirmsCustomer('   ', customer, 'UG')).toBe(false);
    expect(confirmsCustomer('0772 345 678', { name: 'Aisha', phone: null }, 'UG')).toBe(false);
  });
});
