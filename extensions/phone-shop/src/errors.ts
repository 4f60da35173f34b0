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

export const LiveDeleteForbiddenError = createError<{ collection: string }>(
  'LIVE_DELETE_FORBIDDEN',
  ({ collection }) =>
    `Items of "${collection}" are not deleted through the API: every live subscriber would receive their keys.`,
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

export const InvalidSaleError = createError<{ field: string; reason: string }>(
  'VALIDATION_ERROR',
  ({ field, reason }) => `Invalid "${field}": ${reason}.`,
  400,
);

export const ActionForbiddenError = createError<{ role: string; action: string; resource: string }>(
  'FORBIDDEN',
  ({ role, action, resource }) => `A ${role} may not ${action.replaceAll('_', ' ')} ${resource}.`,
  403,
);

export const NotSignedInError = createError('UNAUTHENTICATED', 'Sign in first.', 401);

export const NotFoundError = createError<{ entity: string; id: string }>(
  'NOT_FOUND',
  ({ entity, id }) => `${entity} ${id} was not found in your shop.`,
  404,
);

export const InsufficientStockError = createError<{
  product_id: number;
  product: string;
  available: number;
  requested: number;
}>(
  'INSUFFICIENT_STOCK',
  ({ product, available, requested }) =>
    `Not enough stock of "${product}": ${available} available, ${requested} requested.`,
  409,
);

export const DeviceNotAvailableError = createError<{ device_id: number; status: string }>(
  'DEVICE_NOT_AVAILABLE',
  ({ device_id, status }) => `Device ${device_id} cannot be sold: it is ${status}, not In Stock.`,
  409,
);

export const IdempotencyConflictError = createError(
  'IDEMPOTENCY_KEY_REUSED',
  'This Idempotency-Key was already used for a different request.',
  409,
);

export const SaleStateError = createError<{ sale: string; reason: string }>(
  'SALE_STATE',
  ({ sale, reason }) => `Sale ${sale} ${reason}.`,
  409,
);

export const DiscountNeedsApprovalError = createError<{ limit_bp: number; requested_bp: number }>(
  'DISCOUNT_NEEDS_SUPERVISOR',
  ({ limit_bp, requested_bp }) =>
    `A discount of ${(requested_bp / 100).toFixed(2)}% is above the staff limit of ${(limit_bp / 100).toFixed(2)}%: a Supervisor or Owner must make this sale.`,
  403,
);

export const DuplicateValueError = createError<{ collection: string; field: string }>(
  'DUPLICATE_VALUE',
  ({ collection, field }) => `Another ${collection} row of your shop already has this "${field}".`,
  409,
);

export const InvalidFieldError = createError<{ field: string; reason: string }>(
  'VALIDATION_ERROR',
  ({ field, reason }) => `Invalid "${field}": ${reason}.`,
  400,
);

export const RepairMoveError = createError<{ repair: string; reason: string }>(
  'REPAIR_STATE',
  ({ repair, reason }) => `Repair ${repair}: ${reason}.`,
  409,
);

export const AppendOnlyError = createError<{ collection: string }>(
  'APPEND_ONLY',
  ({ collection }) => `${collection} is append-only: its entries cannot be changed or deleted.`,
  409,
);

export const PlanLimitError = createError<{ plan: string; limit: number }>(
  'PLAN_LIMIT',
  ({ plan, limit }) =>
    `The ${plan} plan allows ${limit} active users; upgrade the plan or suspend a user first.`,
  409,
);

export const AccountSuspendedError = createError(
  'ACCOUNT_SUSPENDED',
  'This account is suspended; ask the shop owner.',
  401,
);

export const ClosureExistsError = createError<{ closure_date: string; closure_id: number; status: string }>(
  'CLOSURE_EXISTS',
  ({ closure_date, closure_id, status }) =>
    `The closure of ${closure_date} already exists in your shop (closure ${closure_id}, ${status}): one closure per day; correct that one instead.`,
  409,
);

export const ClosureStateError = createError<{ closure_date: string; reason: string }>(
  'CLOSURE_STATE',
  ({ closure_date, reason }) => `The closure of ${closure_date} ${reason}.`,
  409,
);

export const ExpenseStateError = createError<{ expense: number; reason: string }>(
  'EXPENSE_STATE',
  ({ expense, reason }) => `Expense ${expense} ${reason}.`,
  409,
);

export const PurchaseOrderStateError = createError<{ reference: string; reason: string }>(
  'PURCHASE_ORDER_STATE',
  ({ reference, reason }) => `Purchase order ${reference} ${reason}.`,
  409,
);

// Security (docs/security.md).

export const InvalidTextError = createError<{ field: string; reason: string }>(
  'INVALID_TEXT',
  ({ field, reason }) => `Invalid "${field}": it ${reason}.`,
  400,
);

export const JsonTooDeepError = createError<{ limit: number }>(
  'JSON_TOO_DEEP',
  ({ limit }) => `The request body is nested more than ${limit} levels deep.`,
  400,
);

export const InvalidJsonError = createError<{ reason: string }>(
  'INVALID_PAYLOAD',
  ({ reason }) => `The request body is not valid JSON: ${reason}.`,
  400,
);

export const PayloadTooLargeError = createError<{ limit: string }>(
  'PAYLOAD_TOO_LARGE',
  ({ limit }) => `The request body is larger than ${limit}.`,
  413,
);

export const RateLimitedError = createError<{ seconds: number; reason: string }>(
  'RATE_LIMITED',
  ({ seconds, reason }) => `${reason} Try again in ${seconds} s.`,
  429,
);

export const SignInLockedError = createError<{ minutes: number }>(
  'SIGN_IN_LOCKED',
  ({ minutes }) =>
    `Too many failed sign-ins: signing in with this e-mail from this address is paused for ${minutes} min. Ask the shop owner to unlock it sooner.`,
  429,
);

export const AddressNotAllowedError = createError(
  'ADDRESS_NOT_ALLOWED',
  "Your shop's accounts may only be used from the shop's own networks; this address is not one of them.",
  403,
);

export const TwoFactorRequiredError = createError(
  'TWO_FACTOR_REQUIRED',
  'Your shop requires two-factor authentication for your role: turn it on in your profile first.',
  403,
);

export const CurrentPasswordRequiredError = createError<{ field: string }>(
  'CURRENT_PASSWORD_REQUIRED',
  ({ field }) =>
    `Changing your own ${field} needs your current password: use POST /api/account/${field === 'e-mail' ? 'email' : field} with "current_password".`,
  403,
);

export const WrongPasswordError = createError('WRONG_PASSWORD', 'The current password is not right.', 403);

export const InvalidCodeError = createError<{ field: string }>(
  'INVALID_CODE',
  ({ field }) => `Invalid "${field}": the code is wrong or was already used.`,
  400,
);

export const TwoFactorStateError = createError<{ reason: string }>(
  'TWO_FACTOR_STATE',
  ({ reason }) => `Two-factor authentication ${reason}.`,
  409,
);

export const AllowListExcludesYouError = createError<{ address: string }>(
  'ALLOWLIST_EXCLUDES_YOU',
  ({ address }) =>
    `Invalid "ip_allowlist": it does not include your own address (${address}), so saving it would lock you out.`,
  400,
);

export const RequestTimeoutError = createError<{ seconds: number }>(
  'REQUEST_TIMEOUT',
  ({ seconds }) => `The request took longer than ${seconds} s and was stopped; nothing more was done.`,
  503,
);

export const UploadRefusedError = createError<{ reason: string }>(
  'UPLOAD_REFUSED',
  ({ reason }) => `This file is refused: ${reason}.`,
  400,
);

export const CustomerErasedError = createError<{ customer: string; reason: string }>(
  'CUSTOMER_ERASED',
  ({ customer, reason }) => `Customer ${customer} was erased: ${reason}.`,
  409,
);

export const SessionEndedError = createError(
  'TOKEN_EXPIRED',
  'This session has ended (a password change, or a sign-out everywhere): sign in again.',
  401,
);

export const SignInPathError = createError(
  'SIGN_IN_PATH',
  'Sign in with POST /auth/login; other ways of signing in are closed.',
  403,
);

// Bad input (docs/api.md, "Ranges").

export const ValueOutOfRangeError = createError<{ reason: string }>(
  'VALUE_OUT_OF_RANGE',
  ({ reason }) => `A number is beyond what can be stored: ${reason}.`,
  400,
);

export const QueryTooLargeError = createError<{ limit: number }>(
  'QUERY_TOO_LARGE',
  ({ limit }) =>
    `Invalid "limit": a read with related fields returns at most ${limit} rows a page; page through the rest (offset or page).`,
  400,
);
