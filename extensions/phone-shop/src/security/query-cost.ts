// What one generic read may cost. A page of rows with their related rows costs Directus far more
// JavaScript than the rows alone (each level of relations is fetched and merged in memory, then the
// whole answer is serialised at once), and while it runs every other shop's till waits on the same
// event loop: 1,000 sales with three levels of relations took 2.3 s a request here, and doubled the
// p95 of another shop's checkout (bench/RESULTS.md, "Security edge"). So a read that asks for related
// fields gets at most MAX_RELATED_ROWS rows a page; plain rows keep Directus's own maximum (the
// till's offline catalogue reads 1,000 products in one page). GraphQL reads are held to the same.
import { Kind, parse, type FieldNode, type SelectionSetNode, type ValueNode } from 'graphql';
import { QueryTooLargeError } from '../errors.ts';

/** Rows a page may have when it also asks for related rows (the repair board shows 200). */
export const MAX_RELATED_ROWS = 200;

/** Refuses a REST read (Directus's sanitized query) that asks for related fields on too many rows. */
export function checkQueryCost(query: { fields?: unknown; limit?: unknown } | undefined): void {
  if (!query) return;
  const fields = Array.isArray(query.fields) ? (query.fields as unknown[]) : [];
  const related = fields.some((field) => typeof field === 'string' && field.includes('.'));
  const limit = typeof query.limit === 'number' ? query.limit : null;
  if (related && limit !== null && (limit < 0 || limit > MAX_RELATED_ROWS))
    throw new QueryTooLargeError({ limit: MAX_RELATED_ROWS });
}

function numberOf(value: ValueNode, variables: Record<string, unknown>): number | null {
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.STRING) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const given = variables[value.name.value];
    return typeof given === 'number' ? given : typeof given === 'string' ? Number(given) : null;
  }
  return null;
}

const hasRelations = (selection: SelectionSetNode | undefined): boolean =>
  (selection?.selections ?? []).some((s) => s.kind === Kind.FIELD && s.selectionSet !== undefined);

/** Refuses a GraphQL document with a list field asking for related fields on too many rows. */
export function checkGraphqlCost(query: unknown, variables: unknown): void {
  if (typeof query !== 'string') return;
  let document;
  try {
    document = parse(query, { maxTokens: 1000 });
  } catch {
    return; // Directus answers a document it cannot parse
  }
  const vars =
    variables !== null && typeof variables === 'object' ? (variables as Record<string, unknown>) : {};
  const stack: SelectionSetNode[] = document.definitions.flatMap((d) =>
    d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION ? [d.selectionSet] : [],
  );
  while (stack.length > 0) {
    const set = stack.pop() as SelectionSetNode;
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        stack.push(selection.selectionSet);
        continue;
      }
      if (selection.kind !== Kind.FIELD || !selection.selectionSet) continue;
      const field: FieldNode = selection;
      const limitArg = field.arguments?.find((a) => a.name.value === 'limit');
      const limit = limitArg ? numberOf(limitArg.value, vars) : null;
      if (hasRelations(field.selectionSet) && limit !== null && (limit < 0 || limit > MAX_RELATED_ROWS))
        throw new QueryTooLargeError({ limit: MAX_RELATED_ROWS });
      if (field.selectionSet) stack.push(field.selectionSet);
    }
  }
}
