// Enumerated values of the data model. The migrations turn them into CHECK constraints, the access
// rules and validators read them from here: one list per concept.

export const SUBSCRIPTION_PLANS = ['trial', 'starter', 'professional', 'enterprise'] as const;

/** How a customer can pay. A sale paid with more than one method records `Split` and its parts. */
export const PAYMENT_METHODS = [
  'Cash',
  'MTN Mobile Money',
  'Airtel Money',
  'Card',
  'Bank Transfer',
  'Other',
] as const;
export const SALE_PAYMENT_METHODS = [...PAYMENT_METHODS, 'Split'] as const;
export const PAYMENT_STATUSES = ['Paid', 'Partially Paid', 'Unpaid', 'Refunded'] as const;
export const SALE_STATUSES = ['Submitted', 'Approved', 'Rejected', 'Locked', 'Reversed'] as const;

export const DEVICE_CONDITIONS = ['New', 'Used', 'Refurbished'] as const;
export const DEVICE_STATUSES = [
  'In Stock',
  'Reserved',
  'Sold',
  'In Repair',
  'Returned',
  'Written Off',
] as const;

export const REPAIR_STATUSES = [
  'Pending',
  'Diagnosed',
  'Parts Ordered',
  'In Progress',
  'Quality Check',
  'Completed',
  'Delivered',
  'Cancelled',
] as const;
export const REPAIR_PRIORITIES = ['Low', 'Normal', 'High', 'Urgent'] as const;

export const CLOSURE_STATUSES = ['Submitted', 'Reviewed', 'Approved', 'Rejected', 'Locked'] as const;
export const EXPENSE_STATUSES = ['Pending', 'Approved', 'Rejected'] as const;

/** A purchase order is sent to the supplier when it is made, and closes when all of it came in or it was cancelled. */
export const PURCHASE_ORDER_STATUSES = ['Ordered', 'Partially Received', 'Received', 'Cancelled'] as const;

export const MOVEMENT_TYPES = [
  'initial',
  'purchase',
  'sale',
  'sale_edit',
  'sale_delete',
  'reversal',
  'adjustment',
  'return',
  'repair_part',
  'transfer',
] as const;

export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export type RepairStatus = (typeof REPAIR_STATUSES)[number];
export type PurchaseOrderStatus = (typeof PURCHASE_ORDER_STATUSES)[number];
