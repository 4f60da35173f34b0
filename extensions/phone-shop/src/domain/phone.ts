// Phone numbers are stored in E.164 (+256772123456); what the cashier types ("0772 123 456") is read
// with the shop's country as the default.
import { parsePhoneNumberWithError, type CountryCode } from 'libphonenumber-js';

/** The E.164 form of a number, or null when it is not a valid number. */
export function toE164(input: string, country: string): string | null {
  try {
    const parsed = parsePhoneNumberWithError(input, country as CountryCode);
    return parsed.isValid() ? parsed.number : null;
  } catch {
    return null;
  }
}
