// Rights of the pages whose actions are not react-admin's generic verbs: purchase orders follow the
// rights their /api routes check.
import { describe, expect, it } from 'vitest';
import { can as matrixCan, SHOP_ROLES } from '../../../snapshots/access/matrix.ts';
import { roleCan } from './session.ts';

describe('purchase order rights', () => {
  it.each(SHOP_ROLES)('give the %s what the matrix gives on products', (role) => {
    const adjusts = matrixCan(role, 'products', 'adjust_stock');
    const creates = matrixCan(role, 'products', 'create');
    expect(roleCan(role, 'purchase-orders', 'list')).toBe(adjusts);
    expect(roleCan(role, 'purchase-orders', 'show')).toBe(adjusts);
    expect(roleCan(role, 'purchase-orders', 'receive')).toBe(adjusts);
    expect(roleCan(role, 'purchase-orders', 'create')).toBe(creates);
    expect(roleCan(role, 'purchase-orders', 'cancel')).toBe(creates);
    expect(roleCan(role, 'purchase-orders', 'pdf')).toBe(creates);
    for (const action of ['edit', 'delete', 'export'])
      expect(roleCan(role, 'purchase-orders', action), action).toBe(false);
  });

  it('lets Supervisors receive but not order or cancel, and Staff not even read', () => {
    expect(roleCan('Supervisor', 'purchase-orders', 'receive')).toBe(true);
    expect(roleCan('Supervisor', 'purchase-orders', 'cancel')).toBe(false);
    expect(roleCan('Staff', 'purchase-orders', 'list')).toBe(false);
    expect(roleCan('Staff', 'products', 'list')).toBe(true);
  });
});

describe("a customer's personal data", () => {
  it('is exported by whoever may read customers, export and read the audit trail, as the server checks', () => {
    for (const role of SHOP_ROLES)
      expect(roleCan(role, 'customers', 'export_data'), role).toBe(
        matrixCan(role, 'customers', 'read') &&
          matrixCan(role, 'reports', 'export') &&
          matrixCan(role, 'audit_logs', 'read'),
      );
    expect(roleCan('Owner', 'customers', 'export_data')).toBe(true);
    expect(roleCan('Supervisor', 'customers', 'export_data')).toBe(false);
  });

  it('is erased by Owners only', () => {
    expect(SHOP_ROLES.filter((role) => roleCan(role, 'customers', 'erase'))).toEqual(['Owner']);
  });
});
