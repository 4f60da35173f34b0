// The shop's logo (printed on receipts and purchase orders): a JPEG, PNG or WebP image, uploaded for
// the `logo` purpose (the server checks its content) and saved on the shop.
import { Box, Typography } from '@mui/material';
import { updateItem } from '@directus/sdk';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { assetUrl, directus, sdk, uploadFile } from '../api/client.ts';
import { useApiError } from '../api/useApiError.ts';
import { FileDrop } from '../common/FileDrop.tsx';

export function LogoField({ shopId, logo }: { shopId: number; logo: string | null }) {
  const translate = useTranslate();
  const notify = useNotify();
  const showError = useApiError();
  const [current, setCurrent] = useState(logo);
  const [busy, setBusy] = useState(false);
  const upload = (file: File) => {
    setBusy(true);
    uploadFile(file, 'logo')
      .then(async (id) => {
        await sdk(() =>
          directus.request(updateItem('shops' as never, shopId as never, { logo: id } as never)),
        );
        setCurrent(id);
        notify('settings.logo_saved', { type: 'success' });
      })
      .catch(showError)
      .finally(() => setBusy(false));
  };
  return (
    <Box sx={{ display: 'grid', gap: 1 }}>
      <Typography variant="subtitle2">{translate('settings.logo')}</Typography>
      {current && (
        <Box
          component="img"
          src={assetUrl(current)}
          alt={translate('settings.logo')}
          sx={{ maxWidth: 200, maxHeight: 100, objectFit: 'contain' }}
        />
      )}
      <FileDrop
        accept="image/jpeg,image/png,image/webp"
        label={translate(busy ? 'settings.logo_uploading' : 'settings.logo_drop')}
        onFile={upload}
      />
    </Box>
  );
}
