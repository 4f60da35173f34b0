// The one rule for the contact details the platform stores (customers, shops, branches, users), on
// every surface: /items and GraphQL (hooks/validation), /api, and imports. An e-mail address is what
// zod's e-mail check accepts; a phone number is one the shop's country can dial (libphonenumber-js:
// a national number of that country, or an international one), stored in E.164.
import { z } from 'zod';
import { InvalidFieldError } from '../errors.ts';
import { toE164 } from './phone.ts';

/** An e-mail address, for zod schemas (/api bodies). */
export const emailAddress = z.email('is not a valid e-mail address').max(254);

/** The address as given, or a 400 naming the field. */
export function checkEmail(value: string, field: string): string {
  if (!emailAddress.safeParse(value).success)
    throw new InvalidFieldError({ field, reason: `${JSON.stringify(value)} is not a valid e-mail address` });
  return value;
}

/** The number in E.164, read with the shop's country as the default, or a 400 naming the field. */
export function checkPhone(value: string, country: string, field: string): string {
  const e164 = toE164(value, country);
  if (!e164) throw new InvalidFieldError({ field, reason: `${value} is not a valid phone number` });
  return e164;
}

/** Contact fields of a collection: their phone and e-mail columns. */
export interface ContactFields {
  phones: readonly string[];
  emails: readonly string[];
}

/**
 * Checks the contact fields a change gives (text, or a number typed as one), and returns the change
 * with its phone numbers in E.164. Null and absent fields are left to the column's own rules.
 */
export function checkContacts(
  change: Record<string, unknown>,
  fields: ContactFields,
  country: string,
): Record<string, unknown> {
  const checked = { ...change };
  const text = (name: string): string | null => {
    const value = change[name];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
  };
  for (const name of fields.phones) {
    const value = text(name);
    if (value !== null) checked[name] = checkPhone(value, country, name);
  }
  for (const name of fields.emails) {
    const value = text(name);
    if (value !== null) checked[name] = checkEmail(value.trim(), name);
  }
  return checked;
}

/** Whether a change touches any contact field (so the country need not be read otherwise). */
export function touchesContacts(change: Record<string, unknown>, fields: ContactFields): boolean {
  return [...fields.phones, ...fields.emails].some(
    (name) => change[name] !== undefined && change[name] !== null,
  );
}
