// How an IMEI or serial number typed at the counter is stored and checked.
import { InvalidFieldError } from '../errors.ts';
import { isValidImei, looksLikeImei } from './imei.ts';

/** Trims and removes the spaces and dashes people type inside an IMEI ("35-209900-176148-1"). */
export function normaliseIdentifier(value: string): string {
  const trimmed = value.trim();
  const compact = trimmed.replace(/[\s-]/g, '');
  return /^\d+$/.test(compact) ? compact : trimmed;
}

/** A 15-digit value is an IMEI and must pass its check digit; anything else is a serial number. */
export function checkIdentifier(value: string, field = 'imei_serial'): string {
  const normalised = normaliseIdentifier(value);
  if (normalised.length < 4)
    throw new InvalidFieldError({ field, reason: 'an IMEI or serial number has at least 4 characters' });
  if (looksLikeImei(normalised) && !isValidImei(normalised)) {
    throw new InvalidFieldError({
      field,
      reason: `${normalised} is not a valid IMEI (its check digit is wrong)`,
    });
  }
  return normalised;
}
