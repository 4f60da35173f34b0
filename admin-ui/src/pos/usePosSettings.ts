// The shop settings the till needs before a sale: the tax rate (so that the payments add up to the
// server's total) and the staff discount limit, from GET /api/sales/settings (anyone who sells).
// The last answer is kept for a weak connection; the server has the last word.
import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';

export interface PosSettings {
  taxRateBp: number;
  staffDiscountLimitBp: number;
}

const DEFAULTS: PosSettings = { taxRateBp: 0, staffDiscountLimitBp: 1000 };
const KEY = 'phone-shop.pos-settings';

export function usePosSettings(): PosSettings {
  const [settings, setSettings] = useState<PosSettings>(() => {
    const raw = localStorage.getItem(KEY);
    return raw ? { ...DEFAULTS, ...(JSON.parse(raw) as Partial<PosSettings>) } : DEFAULTS;
  });
  useEffect(() => {
    let live = true;
    api<{ tax_rate_bp: number; staff_discount_limit_bp: number }>('/api/sales/settings')
      .then((till) => {
        const next: PosSettings = {
          taxRateBp: till.tax_rate_bp,
          staffDiscountLimitBp: till.staff_discount_limit_bp,
        };
        localStorage.setItem(KEY, JSON.stringify(next));
        if (live) setSettings(next);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return settings;
}
