// The shop settings the till needs before a sale: the tax rate (so that the payments add up to the
// server's total) and the staff discount limit. Settings are readable by Owners only today; other
// roles fall back to the documented defaults (tax 0, limit 10%) and the server has the last word.
import { readItems } from '@directus/sdk';
import { useEffect, useState } from 'react';
import { directus } from '../api/client.ts';
import { can } from '../access/session.ts';

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
    if (!can('settings', 'edit')) return;
    let live = true;
    directus
      .request(
        readItems(
          'settings' as never,
          {
            fields: ['setting_key', 'setting_value'],
            filter: { setting_key: { _in: ['tax.rate_bp', 'discount.staff_limit_bp'] } },
          } as never,
        ),
      )
      .then((rows) => {
        const map = new Map(
          (rows as { setting_key: string; setting_value: string }[]).map((r) => [
            r.setting_key,
            r.setting_value,
          ]),
        );
        const next: PosSettings = {
          taxRateBp: Number(map.get('tax.rate_bp') ?? DEFAULTS.taxRateBp) || 0,
          staffDiscountLimitBp: Number(map.get('discount.staff_limit_bp') ?? DEFAULTS.staffDiscountLimitBp),
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
