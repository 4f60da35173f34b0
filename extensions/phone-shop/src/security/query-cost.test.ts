import { describe, expect, it } from 'vitest';
import { checkGraphqlCost, checkQueryCost, MAX_RELATED_ROWS } from './query-cost.ts';

describe('the cost of one read', () => {
  it('holds a REST page with related fields to 200 rows, and plain rows to Directus’s own maximum', () => {
    expect(() =>
      checkQueryCost({ fields: ['*', 'customer_id.name'], limit: MAX_RELATED_ROWS }),
    ).not.toThrow();
    expect(() => checkQueryCost({ fields: ['*', 'customer_id.name'], limit: 201 })).toThrow(
      expect.objectContaining({ code: 'QUERY_TOO_LARGE' }),
    );
    expect(() => checkQueryCost({ fields: ['*.*.*'], limit: -1 })).toThrow(
      expect.objectContaining({ code: 'QUERY_TOO_LARGE' }),
    );
    expect(() => checkQueryCost({ fields: ['id', 'name'], limit: 1000 })).not.toThrow();
    expect(() => checkQueryCost({ fields: ['*.*'] })).not.toThrow();
    expect(() => checkQueryCost(undefined)).not.toThrow();
  });

  it('holds GraphQL list fields with relations to the same, through variables too', () => {
    expect(() => checkGraphqlCost('{ sales(limit: 500) { id customer_id { name } } }', {})).toThrow(
      expect.objectContaining({ code: 'QUERY_TOO_LARGE' }),
    );
    expect(() =>
      checkGraphqlCost('query ($n: Int) { sales(limit: $n) { id customer_id { name } } }', { n: 1000 }),
    ).toThrow(expect.objectContaining({ code: 'QUERY_TOO_LARGE' }));
    expect(() => checkGraphqlCost('{ sales(limit: 1000) { id final_amount } }', {})).not.toThrow();
    expect(() => checkGraphqlCost('{ sales(limit: 200) { id customer_id { name } } }', {})).not.toThrow();
    expect(() => checkGraphqlCost('not graphql {', {})).not.toThrow();
  });
});
