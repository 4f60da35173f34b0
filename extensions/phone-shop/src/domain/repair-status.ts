// The repair workflow as one transition table: which moves exist, and the matrix right each needs.
//   Pending -> Diagnosed -> Parts Ordered -> In Progress -> Quality Check -> Completed -> Delivered
// A repair can be cancelled until it is completed; a failed quality check goes back to In Progress;
// a diagnosis that needs no parts goes straight to In Progress. Delivered and Cancelled are terminal:
// only an Owner's correction (audited, with a reason) moves a repair out of them.
import { can, type ShopRole } from '../../../../snapshots/access/matrix.ts';
import type { RepairStatus } from '../../../../snapshots/enums.ts';

/** The matrix action on `repairs` a move needs; `correct` is an Owner's correction of a terminal state. */
export type RepairRight = 'update' | 'complete' | 'correct';

export const TRANSITIONS: readonly { from: RepairStatus; to: RepairStatus; right: RepairRight }[] = [
  { from: 'Pending', to: 'Diagnosed', right: 'update' },
  { from: 'Pending', to: 'Cancelled', right: 'update' },
  { from: 'Diagnosed', to: 'Parts Ordered', right: 'update' },
  { from: 'Diagnosed', to: 'In Progress', right: 'update' },
  { from: 'Diagnosed', to: 'Cancelled', right: 'update' },
  { from: 'Parts Ordered', to: 'In Progress', right: 'update' },
  { from: 'Parts Ordered', to: 'Cancelled', right: 'update' },
  { from: 'In Progress', to: 'Quality Check', right: 'update' },
  { from: 'In Progress', to: 'Cancelled', right: 'update' },
  { from: 'Quality Check', to: 'In Progress', right: 'update' },
  { from: 'Quality Check', to: 'Completed', right: 'complete' },
  { from: 'Quality Check', to: 'Cancelled', right: 'update' },
  { from: 'Completed', to: 'Delivered', right: 'complete' },
];

export const TERMINAL: ReadonlySet<RepairStatus> = new Set(['Delivered', 'Cancelled']);

export type MoveDecision = { allowed: true; right: RepairRight } | { allowed: false; reason: string };

function hasRight(role: ShopRole, right: RepairRight): boolean {
  return right === 'correct' ? role === 'Owner' : can(role, 'repairs', right);
}

/** Whether `role` may move a repair from `from` to `to`, and if not, why. */
export function decideMove(from: RepairStatus, to: RepairStatus, role: ShopRole): MoveDecision {
  if (from === to) return { allowed: false, reason: `the repair is already ${to}` };
  const move = TRANSITIONS.find((t) => t.from === from && t.to === to);
  if (move) {
    return hasRight(role, move.right)
      ? { allowed: true, right: move.right }
      : {
          allowed: false,
          reason: `a ${role} may not move a repair from ${from} to ${to} (needs the "${move.right}" right)`,
        };
  }
  if (TERMINAL.has(from)) {
    return hasRight(role, 'correct')
      ? { allowed: true, right: 'correct' }
      : { allowed: false, reason: `${from} is final; only an Owner can correct it` };
  }
  const next = TRANSITIONS.filter((t) => t.from === from).map((t) => t.to);
  return {
    allowed: false,
    reason: `a repair cannot go from ${from} to ${to}; from ${from} it can go to ${next.join(', ')}`,
  };
}

/** The moves a role may make from a status (what a front end offers). */
export function movesFrom(from: RepairStatus, role: ShopRole): RepairStatus[] {
  return TRANSITIONS.filter((t) => t.from === from && hasRight(role, t.right)).map((t) => t.to);
}

/** After delivery a repair is final: only an Owner edits it. */
export function canEdit(isEditable: boolean, role: ShopRole): boolean {
  return isEditable || role === 'Owner';
}
