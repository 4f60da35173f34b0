import { describe, expect, it } from 'vitest';
import { checkContacts, checkEmail, checkPhone, touchesContacts } from './contact.ts';

const CUSTOMER = { phones: ['phone'], emails: ['email'] };

describe('contact details', () => {
  it('stores a phone number the shop country can dial in E.164', () => {
    expect(checkPhone('0772 123 456', 'UG', 'phone')).toBe('+256772123456');
    expect(checkPhone('+44 20 7946 0958', 'UG', 'phone')).toBe('+442079460958');
    expect(checkPhone('0712 345678', 'KE', 'phone')).toBe('+254712345678');
  });

  it('refuses what is not a phone number or an e-mail address, naming the field', () => {
    expect(() => checkPhone('12345', 'UG', 'phone')).toThrow(/"phone": 12345 is not a valid phone number/);
    expect(() => checkEmail('not-an-email', 'email')).toThrow(
      /"email": "not-an-email" is not a valid e-mail/,
    );
    expect(() => checkEmail('a@b', 'email')).toThrow(/"email"/);
    expect(checkEmail('amina@example.com', 'email')).toBe('amina@example.com');
  });

  it('checks the contact fields a change gives and leaves the others alone', () => {
    expect(
      checkContacts({ name: 'Amina', phone: '0772123456', email: ' amina@example.com ' }, CUSTOMER, 'UG'),
    ).toEqual({ name: 'Amina', phone: '+256772123456', email: 'amina@example.com' });
    expect(checkContacts({ name: 'Amina', email: null }, CUSTOMER, 'UG')).toEqual({
      name: 'Amina',
      email: null,
    });
    expect(() => checkContacts({ email: 'x' }, CUSTOMER, 'UG')).toThrow(/"email"/);
    expect(() => checkContacts({ phone: 772 }, CUSTOMER, 'UG')).toThrow(/"phone"/);
    expect(touchesContacts({ name: 'x' }, CUSTOMER)).toBe(false);
    expect(touchesContacts({ phone: '0772123456' }, CUSTOMER)).toBe(true);
  });
});
