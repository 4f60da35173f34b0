// What a request may carry before anything walks it: JSON nested at most MAX_JSON_DEPTH deep, and no
// text that PostgreSQL cannot store (a NUL character) or that is not Unicode (a lone UTF-16
// surrogate, which jsonb refuses). Directus's own JSON parser is skipped (hooks/security) so that
// the depth is measured on the raw text, in one pass that walks nothing, before JSON.parse, and only
// once the caller is known.
import { InvalidJsonError, InvalidTextError, JsonTooDeepError } from '../errors.ts';

/**
 * The deepest JSON a request may send. The app's deepest body (a checkout) is 4 levels; Studio's
 * nested relational writes and filters stay under 12. Directus's recursive walkers overflow the
 * stack at a few thousand levels.
 */
export const MAX_JSON_DEPTH = 32;

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * The nesting depth of a JSON text, counting only brackets outside strings; stops as soon as it
 * passes `limit` and answers limit + 1. Malformed text is left to JSON.parse.
 */
export function jsonDepth(text: string, limit: number = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === QUOTE) inString = true;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return limit + 1;
      }
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth--;
  }
  return deepest;
}

/** Why a text cannot be stored, or null when it can. */
export function textProblem(text: string): string | null {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return 'contains a NUL character';
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return 'contains an invalid character (a lone UTF-16 surrogate)';
    }
    if (c >= 0xdc00 && c <= 0xdfff) return 'contains an invalid character (a lone UTF-16 surrogate)';
  }
  return null;
}

/** Cheap test first: most texts have no character at or above U+D800 and no NUL. */
const SUSPECT = /[\u0000\ud800-\udfff]/;

/**
 * Throws naming the first string (value or key) of a parsed JSON value that cannot be stored. The
 * value is walked with an explicit stack, never recursively; its depth was checked before parsing.
 */
export function checkJsonText(value: unknown, root = 'body'): void {
  const stack: { value: unknown; path: string }[] = [{ value, path: root }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop() as { value: unknown; path: string };
    if (typeof current === 'string') {
      const problem = SUSPECT.test(current) ? textProblem(current) : null;
      if (problem) throw new InvalidTextError({ field: path, reason: problem });
    } else if (Array.isArray(current)) {
      current.forEach((item, i) => stack.push({ value: item, path: `${path}[${i}]` }));
    } else if (current !== null && typeof current === 'object') {
      for (const [key, item] of Object.entries(current)) {
        const problem = SUSPECT.test(key) ? textProblem(key) : null;
        if (problem) throw new InvalidTextError({ field: `${path} key`, reason: problem });
        stack.push({ value: item, path: path === 'body' ? key : `${path}.${key}` });
      }
    }
  }
}

/**
 * Parses a JSON request body after checking its depth on the raw text, then checks its strings. As
 * Directus's own parser (body-parser's strict mode), only an object or an array is a body.
 */
export function parseJsonBody(text: string): unknown {
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[')
    throw new InvalidJsonError({ reason: 'the body must be a JSON object or array' });
  if (jsonDepth(text) > MAX_JSON_DEPTH) throw new JsonTooDeepError({ limit: MAX_JSON_DEPTH });
  const value: unknown = JSON.parse(text);
  checkJsonText(value);
  return value;
}

/**
 * Checks a parsed query string (qs objects, arrays and strings): every text storable, and every
 * JSON-looking value (Directus parses `filter`, `deep`, `alias` and `aggregate` as JSON) within the
 * depth limit.
 */
export function checkQuery(query: Record<string, unknown>): void {
  const stack: { value: unknown; path: string }[] = Object.entries(query).map(([key, value]) => ({
    value,
    path: key,
  }));
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: string };
    if (typeof value === 'string') {
      const problem = SUSPECT.test(value) ? textProblem(value) : null;
      if (problem) throw new InvalidTextError({ field: path, reason: problem });
      const start = value.trimStart()[0];
      if ((start === '{' || start === '[') && jsonDepth(value) > MAX_JSON_DEPTH)
        throw new JsonTooDeepError({ limit: MAX_JSON_DEPTH });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, path: `${path}[${i}]` }));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const problem = SUSPECT.test(key) ? textProblem(key) : null;
        if (problem) throw new InvalidTextError({ field: `${path} key`, reason: problem });
        stack.push({ value: item, path: `${path}.${key}` });
      }
    }
  }
}
