import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { parseInt8, readInt8AsNumber } from './int8.ts';

describe('int8', () => {
  it('reads a safe integer as a number and anything larger as its text', () => {
    expect(parseInt8('2147483648')).toBe(2_147_483_648);
    expect(parseInt8('-9007199254740991')).toBe(-9_007_199_254_740_991);
    expect(parseInt8('9007199254740992')).toBe('9007199254740992');
    expect(parseInt8('9223372036854775807')).toBe('9223372036854775807');
  });

  it('sets the parser of int8 and of int8 arrays on pg', () => {
    readInt8AsNumber();
    const parser = (pg.types as unknown as { getTypeParser: (oid: number) => (text: string) => unknown })
      .getTypeParser;
    expect(parser(20)('5000000000')).toBe(5_000_000_000);
    expect(parser(1016)('{1,NULL,9223372036854775807}')).toEqual([1, null, '9223372036854775807']);
  });
});
