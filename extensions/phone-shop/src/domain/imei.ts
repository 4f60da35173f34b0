// Device identifiers. A 15-digit IMEI carries a Luhn check digit (3GPP TS 23.003); devices without
// an IMEI are registered by their serial number instead.

/** The Luhn check digit for a string of digits (the digit to append). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // Double every second digit counting from the right of the payload, where the check digit will follow.
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidImei(value: string): boolean {
  if (!/^\d{15}$/.test(value)) return false;
  return luhnCheckDigit(value.slice(0, 14)) === Number(value[14]);
}

/** Looks like an IMEI (15 digits): then it must pass the Luhn check. Anything else is a serial. */
export function looksLikeImei(value: string): boolean {
  return /^\d{15}$/.test(value);
}

/** A valid IMEI from a 14-digit body (TAC + serial). */
export function imeiFromBody(body: string): string {
  if (!/^\d{14}$/.test(body)) throw new Error('an IMEI body has 14 digits');
  return `${body}${luhnCheckDigit(body)}`;
}
