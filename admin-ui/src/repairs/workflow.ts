// The repair workflow is the backend's own transition table, imported, never copied.
export { movesFrom, TERMINAL, TRANSITIONS } from '../../../extensions/phone-shop/src/domain/repair-status.ts';
export { REPAIR_STATUSES, REPAIR_PRIORITIES, PAYMENT_METHODS } from '../../../snapshots/enums.ts';
export type { RepairStatus } from '../../../snapshots/enums.ts';
