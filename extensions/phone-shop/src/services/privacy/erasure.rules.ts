// What erasing a customer removes, as pure rules: the fields of the customer row that are personal,
// the confirmation the Owner types, and how the person's name, phone, e-mail and ID number are found
// and replaced in free text and JSON values elsewhere (notes, notifications, audit values, events).
import { parsePhoneNumberWithError } from 'libphonenumber-js';
import { toE164 } from '../../domain/phone.ts';

/** The name an erased customer row keeps (the column is NOT NULL). */
export const ERASED_NAME = 'Erased customer';

/** What replaces a personal value in text and JSON. */
export const ERASED_TEXT = '[erased]';

/** The personal fields of a customer row: all cleared (the name replaced) by an erasure. */
export const PERSONAL_FIELDS = [
  'name',
  'phone',
  'email',
  'address',
  'id_number',
  'date_of_birth',
  'gender',
  'notes',
] as const;

export interface Person {
  name: string;
  phone: string | null;
  email: string | null;
  id_number: string | null;
}

/** Shorter names and ID numbers are not searched for elsewhere: they would match unrelated words. */
const MIN_NAME_LENGTH = 3;
const MIN_ID_NUMBER_LENGTH = 5;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const collapse = (text: string): string => text.trim().replace(/\s+/g, ' ');

/** Digits that may be typed with spaces or dashes between them ("0772 123-456"). */
const spacedDigits = (digits: string): string => digits.split('').join('[\\s-]?');

/** The ways a stored E.164 number is written: +256772123456, 0772123456, 772123456. */
export function phoneForms(phone: string): { full: string; national: string | null; significant: string } {
  const full = phone.replace(/\D/g, '');
  try {
    const parsed = parsePhoneNumberWithError(phone);
    const national = parsed.formatNational().replace(/\D/g, '');
    const significant: string = parsed.nationalNumber;
    return { full, national: national !== significant ? national : null, significant };
  } catch {
    return { full, national: null, significant: full };
  }
}

/**
 * The person's identifiers as they may appear in text written about them. Names and ID numbers are
 * matched as whole words, case-insensitively; phone numbers in their international and national
 * forms, with or without spaces or dashes; the e-mail address anywhere. The address is not searched
 * for: it is often only a town, which would match the shop's own texts.
 */
export interface PersonalPattern {
  /** One JavaScript expression (flags `giu`) for every identifier, the longest forms first. */
  exact: RegExp;
  /**
   * PostgreSQL expressions (case-insensitive `~*`) that match at least every text `exact` matches:
   * the cheap filter of candidate rows before `exact` decides.
   */
  candidates: string[];
}

export function personalPattern(person: Person): PersonalPattern | null {
  const word = (text: string): string => `(?<![\\p{L}\\p{N}])${text}(?![\\p{L}\\p{N}])`;
  const alternatives: { length: number; source: string }[] = [];
  const candidates: string[] = [];

  const name = collapse(person.name);
  if (name.length >= MIN_NAME_LENGTH) {
    const words = name.split(' ').map(escapeRegExp);
    alternatives.push({ length: name.length, source: word(words.join('\\s+')) });
    candidates.push(words.join('\\s+'));
  }
  if (person.phone) {
    const { full, national, significant } = phoneForms(person.phone);
    for (const [digits, prefix] of [
      [full, '\\+?'],
      [national, ''],
      [significant, ''],
    ] as const) {
      if (digits)
        alternatives.push({
          length: digits.length + 1,
          source: `(?<!\\d)${prefix}${spacedDigits(digits)}(?!\\d)`,
        });
    }
    // Every form ends with the national significant number.
    candidates.push(spacedDigits(significant));
  }
  const email = person.email?.trim();
  if (email) {
    alternatives.push({ length: email.length, source: escapeRegExp(email) });
    candidates.push(escapeRegExp(email));
  }
  const idNumber = person.id_number ? collapse(person.id_number) : '';
  if (idNumber.length >= MIN_ID_NUMBER_LENGTH) {
    alternatives.push({ length: idNumber.length, source: word(escapeRegExp(idNumber)) });
    candidates.push(escapeRegExp(idNumber));
  }
  if (alternatives.length === 0) return null;
  alternatives.sort((a, b) => b.length - a.length);
  return {
    exact: new RegExp(alternatives.map((a) => a.source).join('|'), 'giu'),
    candidates,
  };
}

/** The text with every occurrence of the person's identifiers replaced. */
export function scrubText(text: string, pattern: PersonalPattern): string {
  pattern.exact.lastIndex = 0;
  return text.replace(pattern.exact, ERASED_TEXT);
}

/**
 * A JSON value with the person's identifiers replaced in every string, and, when `personalKeys` is
 * given (a copy of the customer row itself, such as an audit entry of an edit to it), every value of
 * those keys replaced whatever it is (a date of birth, a gender).
 */
export function scrubJson(
  value: unknown,
  pattern: PersonalPattern | null,
  personalKeys: ReadonlySet<string> = new Set(),
): unknown {
  if (typeof value === 'string') return pattern ? scrubText(value, pattern) : value;
  if (Array.isArray(value)) return value.map((v) => scrubJson(v, pattern, personalKeys));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [
        key,
        personalKeys.has(key) && v !== null ? ERASED_TEXT : scrubJson(v, pattern, personalKeys),
      ]),
    );
  }
  return value;
}

/**
 * Whether what the Owner typed to confirm names this customer: the current name (spaces and case
 * aside) or the phone number (in any form the shop's country reads).
 */
export function confirmsCustomer(
  confirm: string,
  customer: { name: string; phone: string | null },
  country: string,
): boolean {
  const typed = collapse(confirm);
  if (!typed) return false;
  if (typed.toLocaleLowerCase() === collapse(customer.name).toLocaleLowerCase()) return true;
  return customer.phone !== null && toE164(typed, country) === customer.phone;
}
