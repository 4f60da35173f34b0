// node-postgres reads PostgreSQL's bigint (int8) as text, because not every int8 fits a JavaScript
// number. Money is bigint (migration 0011), and every amount the platform accepts fits one exactly
// (domain/ranges.ts), so int8 is read as a number when it is a safe integer, and as its text
// otherwise (never rounded). Counts (count(*) is bigint) come back as numbers too.
//
// The parser is set on the pg module's shared type table, the one every pool and client of the process
// reads: in Directus, the extension sets it on the same pg that Directus's knex loads (pg is one of the
// extension's external dependencies, so it is not bundled: extension.config.js); the project's own
// scripts and tests set it for theirs.
import pg from 'pg';

// pg-types parses int8[] (1016) too, but its declarations list only some scalar ids.
const types = pg.types as unknown as {
  getTypeParser: (oid: number) => (text: string) => unknown;
  setTypeParser: (oid: number, parse: (text: string) => unknown) => void;
};
const INT8 = 20;
const INT8_ARRAY = 1016;

/** pg's own parser of int8 arrays: their elements as text (or null). */
const int8ArrayAsText = types.getTypeParser(INT8_ARRAY) as (text: string) => (string | null)[];

/** An int8 as a number when it is a safe integer, or its text. */
export function parseInt8(text: string): number | string {
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : text;
}

/** Reads int8 values and int8 arrays as numbers, wherever they fit one, in this whole process. */
export function readInt8AsNumber(): void {
  types.setTypeParser(INT8, parseInt8);
  types.setTypeParser(INT8_ARRAY, (text: string) =>
    int8ArrayAsText(text).map((entry) => (entry === null ? null : parseInt8(entry))),
  );
}
