// The Owner's settings: the shop's profile (name, phone, address, timezone), its security (two-factor
// required, IP allow-list), its data retention, the way to its webhooks and its key/value settings
// (tax rate, discount limit, receipt footer, payment methods...).
import { Box, Button, Card, CardContent, TextField, Typography } from '@mui/material';
import { readItems, updateItem } from '@directus/sdk';
import { useEffect, useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { directus, sdk } from '../api/client.ts';
import { identity } from '../access/session.ts';
import { useApiError } from '../api/useApiError.ts';
import { BudgetsCard } from '../expenses/Budgets.tsx';
import { LogoField } from './LogoField.tsx';
import { RetentionCard } from './RetentionCard.tsx';
import { SecurityCard } from './SecurityCard.tsx';
import { WebhooksCard } from '../webhooks/WebhooksCard.tsx';

interface Setting {
  id: number;
  setting_key: string;
  setting_value: string;
}
interface ShopRow {
  id: number;
  shop_name: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  timezone: string;
  logo: string | null;
}

export default function SettingsPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const showError = useApiError();
  const [settings, setSettings] = useState<Setting[]>([]);
  const [shop, setShop] = useState<ShopRow | null>(null);
  useEffect(() => {
    sdk(() =>
      directus.request(readItems('settings' as never, { sort: ['setting_key'], limit: 200 } as never)),
    )
      .then((rows) => setSettings(rows as Setting[]))
      .catch(showError);
    const shopId = identity()?.shop.id;
    if (shopId)
      sdk(() =>
        directus.request(
          readItems(
            'shops' as never,
            {
              fields: ['id', 'shop_name', 'phone', 'email', 'address', 'timezone', 'logo'],
              filter: { id: { _eq: shopId } },
            } as never,
          ),
        ),
      )
        .then((rows) => setShop((rows as ShopRow[])[0] ?? null))
        .catch(showError);
  }, [showError]);

  const saveSetting = (s: Setting) =>
    sdk(() =>
      directus.request(
        updateItem('settings' as never, s.id as never, { setting_value: s.setting_value } as never),
      ),
    )
      .then(() => notify('settings.saved', { type: 'success' }))
      .catch(showError);
  const saveShop = () => {
    if (!shop) return;
    const { id, shop_name, phone, email, address, timezone } = shop;
    // The logo is saved on its own, when it is uploaded (LogoField).
    const changes = { shop_name, phone, email, address, timezone };
    sdk(() => directus.request(updateItem('shops' as never, id as never, changes as never)))
      .then(() => notify('settings.saved', { type: 'success' }))
      .catch(showError);
  };

  return (
    <Box sx={{ p: { xs: 1, sm: 2 }, display: 'grid', gap: 2 }}>
      <Title title={translate('settings.title')} />
      {shop && (
        <Card>
          <CardContent sx={{ display: 'grid', gap: 2 }}>
            <Typography variant="h6">{translate('settings.shop')}</Typography>
            {(['shop_name', 'phone', 'email', 'address', 'timezone'] as const).map((field) => (
              <TextField
                key={field}
                label={translate(`settings.fields.${field}`)}
                value={shop[field] ?? ''}
                onChange={(e) => setShop({ ...shop, [field]: e.target.value })}
              />
            ))}
            <Button variant="contained" onClick={saveShop}>
              {translate('ra.action.save')}
            </Button>
            <LogoField shopId={shop.id} logo={shop.logo} />
          </CardContent>
        </Card>
      )}
      <SecurityCard />
      <RetentionCard />
      <WebhooksCard />
      <BudgetsCard editable />
      <Card>
        <CardContent sx={{ display: 'grid', gap: 1 }}>
          {settings.map((s, i) => (
            <Box key={s.id} sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
              <Typography sx={{ minWidth: 200, fontFamily: 'monospace' }}>{s.setting_key}</Typography>
              <TextField
                size="small"
                aria-label={s.setting_key}
                value={s.setting_value}
                onChange={(e) =>
                  setSettings(settings.map((x, j) => (j === i ? { ...x, setting_value: e.target.value } : x)))
                }
                sx={{ flex: 1, minWidth: 160 }}
              />
              <Button onClick={() => void saveSetting(s)}>{translate('ra.action.save')}</Button>
            </Box>
          ))}
        </CardContent>
      </Card>
    </Box>
  );
}
