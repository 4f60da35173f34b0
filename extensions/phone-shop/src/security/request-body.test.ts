import { describe, expect, it } from 'vitest';
import {
  checkJsonText,
  checkQuery,
  jsonDepth,
  MAX_JSON_DEPTH,
  parseJsonBody,
  textProblem,
} from './request-body.ts';

const nested = (depth: number): string => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

describe('jsonDepth', () => {
  it('counts brackets outside strings only, and stops past the limit', () => {
    expect(jsonDepth('{"a":[1,{"b":2}]}')).toBe(3);
    expect(jsonDepth('{"a":"[[[[{{{{","b":"\\"[["}')).toBe(1);
    expect(jsonDepth('1')).toBe(0);
    expect(jsonDepth(nested(MAX_JSON_DEPTH))).toBe(MAX_JSON_DEPTH);
    expect(jsonDepth(nested(1_000_000))).toBe(MAX_JSON_DEPTH + 1);
  });
});

describe('textProblem', () => {
  it('finds a NUL and lone surrogates, and accepts pairs and any other character', () => {
    expect(textProblem('plain text, emoji 😀, Luganda ŋ')).toBeNull();
    expect(textProblem('a\u0000b')).toBe('contains a NUL character');
    expect(textProblem('a\ud83d')).toMatch(/lone UTF-16 surrogate/);
    expect(textProblem('\udc00a')).toMatch(/lone UTF-16 surrogate/);
    expect(textProblem('\ud83d\ude00')).toBeNull();
  });
});

describe('checkJsonText and parseJsonBody', () => {
  it('names the field of the first text that cannot be stored, keys included', () => {
    const fieldOf = (value: unknown): unknown => {
      try {
        checkJsonText(value);
        return null;
      } catch (error) {
        return (error as { code: string; extensions: { field: string } }).extensions.field;
      }
    };
    expect(fieldOf({ items: [{ name: 'ok' }, { name: 'x\u0000' }] })).toBe('items[1].name');
    expect(fieldOf({ ['bad\ud800']: 1 })).toBe('body key');
    expect(() => checkJsonText({ a: [1, true, null, 'fine'] })).not.toThrow();
  });

  it('refuses too deep a body before parsing it, and parses the rest', () => {
    expect(() => parseJsonBody(`{"a":${nested(40)}}`)).toThrow(
      expect.objectContaining({ code: 'JSON_TOO_DEEP' }),
    );
    expect(parseJsonBody('{"notes":"\\u00e9t\\u00e9"}')).toEqual({ notes: 'été' });
    expect(() => parseJsonBody('{"notes":"\\u0000"}')).toThrow(
      expect.objectContaining({ code: 'INVALID_TEXT' }),
    );
    expect(() => parseJsonBody('{"notes":"\\ud800"}')).toThrow(
      expect.objectContaining({ code: 'INVALID_TEXT' }),
    );
    expect(() => parseJsonBody('{oops')).toThrow(SyntaxError);
    for (const body of ['null', '42', '"text"', 'true'])
      expect(() => parseJsonBody(body)).toThrow(expect.objectContaining({ code: 'INVALID_PAYLOAD' }));
  });
});

describe('checkQuery', () => {
  it('refuses a NUL in any parameter and JSON nested too deep in one', () => {
    expect(() => checkQuery({ q: 'ca\u0000' })).toThrow(expect.objectContaining({ code: 'INVALID_TEXT' }));
    expect(() => checkQuery({ filter: `{"_and":${nested(50)}}` })).toThrow(
      expect.objectContaining({ code: 'JSON_TOO_DEEP' }),
    );
    expect(() => checkQuery({ fields: ['id', 'name'], deep: { items: { _limit: '5' } } })).not.toThrow();
  });
});
