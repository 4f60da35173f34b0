// The shop settings the till needs before a sale: the tax rate (so that the payments add up to the
// server's total) and the staff discount limit, from GET /api/sales/settings (anyone who sells).
// The last answer is kept for a weak connection; the server has the last word.
import { useEffect, useState } from 'react';
import { cachedSettings, loadSettings, type TillSettings } from './catalogue.ts';

export type PosSettings = TillSettings;

export function usePosSettings(): PosSettings {
  const [settings, setSettings] = useState<PosSettings>(cachedSettings);
  useEffect(() => {
    let live = true;
    loadSettings()
      .then((next) => {
        if (live) setSettings(next);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return settings;
}
