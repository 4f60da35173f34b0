// The matrix check of every business action: one place, one error.
import { can, type Resource } from '../../../../snapshots/access/matrix.ts';
import { ActionForbiddenError } from '../errors.ts';
import type { ActionContext } from './context.ts';

export function requireRight(ctx: ActionContext, resource: Resource, action: string): void {
  if (!can(ctx.role, resource, action)) throw new ActionForbiddenError({ role: ctx.role, action, resource });
}
