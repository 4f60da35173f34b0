// Whether a fresh load opens the till in its light shell: the till's paths, for someone already
// signed in on this phone (identity kept from the last sign-in) whose role may sell. Anyone else
// goes through the back office, which signs in and checks rights.
import { roleCan, identity } from '../access/session.ts';
import { hasStoredSession } from '../api/client.ts';

export const TILL_PATH = /^\/app\/(pos|sales\/(create|new))\/?$/;

export function startsInTill(pathname: string): boolean {
  if (!TILL_PATH.test(pathname) || !hasStoredSession()) return false;
  const me = identity();
  return me !== null && roleCan(me.role, 'pos', 'create');
}
