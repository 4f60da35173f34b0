// Typed business errors: a stable code, a human message naming the rule or field, an HTTP status.
// Directus renders them on /items and /graphql; the /api envelope renders them too.
import { createError } from '@directus/errors';

export const ShopFieldForbiddenError = createError<{ field: string }>(
  'SHOP_FIELD_FORBIDDEN',
  ({ field }) => `"${field}" is set by the server to your shop and cannot be chosen or changed.`,
  403,
);

export const NoShopError = createError('NO_SHOP', 'Your account does not belong to a shop.', 403);

export const QueryMutationForbiddenError = createError(
  'QUERY_MUTATION_FORBIDDEN',
  'Updates and deletes must name the items by their keys; a "query" body is not accepted.',
  400,
);

export const SubscriptionForbiddenError = createError<{ reason: string }>(
  'SUBSCRIPTION_FORBIDDEN',
  ({ reason }) => `This subscription is not allowed: ${reason}.`,
  403,
);

export const RevisionsForbiddenError = createError(
  'REVISIONS_FORBIDDEN',
  'Revisions are not available to shop accounts; use the audit log.',
  403,
);

export const UnsafeFlowError = createError<{ reason: string }>(
  'UNSAFE_FLOW',
  ({ reason }) => `This flow is refused: ${reason}.`,
  400,
);

export const UserChangeForbiddenError = createError<{ reason: string }>(
  'USER_CHANGE_FORBIDDEN',
  ({ reason }) => `This change to a user is not allowed: ${reason}.`,
  403,
);

export const ConstraintViolationError = createError<{ collection: string; field: string; rule: string }>(
  'CONSTRAINT_VIOLATION',
  ({ collection, field, rule }) => `Invalid value for "${field}" in ${collection}: it ${rule}.`,
  400,
);

export const InvalidFieldTypeError = createError<{ collection: string; field: string; expected: string }>(
  'INVALID_FIELD_TYPE',
  ({ collection, field, expected }) => `Invalid value for "${field}" in ${collection}: expected ${expected}.`,
  400,
);
